package io.stereotype.core.infer;

/** A dense descriptor map: {@code dim} values per grid position, row-major over height then width. */
public record DescriptorMap(int width, int height, int dim, float[] values) {
    public DescriptorMap {
        if ((long) width * height * dim != values.length) {
            throw new IllegalArgumentException("descriptor map " + width + "x" + height + "x" + dim
                    + " does not match " + values.length + " values");
        }
    }

    public int offset(int x, int y) {
        return (y * width + x) * dim;
    }
}

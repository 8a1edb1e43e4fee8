package io.stereotype.core.image;

/** A 2-D map of scores (one float per pixel, row-major), e.g. an anomaly map. */
public final class FloatMap {

    private final int width;
    private final int height;
    private final float[] values;

    public FloatMap(int width, int height, float[] values) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("map size must be positive, got " + width + "x" + height);
        }
        if (values == null || values.length != (long) width * height) {
            throw new IllegalArgumentException("map " + width + "x" + height + " needs " + (long) width * height
                    + " values, got " + (values == null ? "null" : values.length));
        }
        this.width = width;
        this.height = height;
        this.values = values;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (no copy). */
    public float[] values() {
        return values;
    }

    public float get(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("point (" + x + "," + y + ") outside map " + width + "x" + height);
        }
        return values[y * width + x];
    }

    public float max() {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * Separable Gaussian blur with kernel radius {@code ceil(4 sigma)} and reflect-101 borders
     * (as {@link FloatImage#reflectPad}); {@code sigma <= 0} returns this map unchanged.
     */
    public FloatMap gaussianBlur(double sigma) {
        if (!(sigma > 0)) {
            return this;
        }
        float[] kernel = gaussianKernel(sigma);
        int radius = kernel.length / 2;
        // rows: copy each row with its reflected border once, then a plain dot product per pixel
        float[] horizontal = new float[values.length];
        float[] padded = new float[width + 2 * radius];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int i = 0; i < padded.length; i++) {
                padded[i] = values[row + Borders.reflect101(i - radius, width)];
            }
            for (int x = 0; x < width; x++) {
                float sum = 0;
                for (int k = 0; k < kernel.length; k++) {
                    sum += kernel[k] * padded[x + k];
                }
                horizontal[row + x] = sum;
            }
        }
        // columns: accumulate whole weighted rows, which walks memory in order
        float[] out = new float[values.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int k = 0; k < kernel.length; k++) {
                int source = Borders.reflect101(y + k - radius, height) * width;
                float weight = kernel[k];
                for (int x = 0; x < width; x++) {
                    out[row + x] += weight * horizontal[source + x];
                }
            }
        }
        return new FloatMap(width, height, out);
    }

    private static float[] gaussianKernel(double sigma) {
        int radius = (int) Math.ceil(4 * sigma);
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            double w = Math.exp(-(k * k) / (2 * sigma * sigma));
            kernel[k + radius] = (float) w;
            sum += w;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) (kernel[i] / sum);
        }
        return kernel;
    }

    /** Bilinear resize with pixel centres aligned, like OpenCV's {@code INTER_LINEAR}. */
    public FloatMap resizeBilinear(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        return new FloatMap(newWidth, newHeight, Bilinear.resize(values, width, height, 1, newWidth, newHeight));
    }
}

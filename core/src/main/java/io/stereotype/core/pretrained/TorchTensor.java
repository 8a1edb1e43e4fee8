package io.stereotype.core.pretrained;

import java.util.Arrays;

/**
 * A tensor of a PyTorch state dict, as {@code torch._utils._rebuild_tensor_v2} rebuilds it: a view
 * (offset, sizes, strides in elements) into a storage of floats or longs.
 */
public record TorchTensor(String name, Storage storage, long offset, int[] shape, long[] strides) {

    /** The data of one storage: PyTorch's FloatStorage or LongStorage. */
    public sealed interface Storage {
        long size();
    }

    public record FloatStorage(float[] values) implements Storage {
        @Override
        public long size() {
            return values.length;
        }
    }

    public record LongStorage(long[] values) implements Storage {
        @Override
        public long size() {
            return values.length;
        }
    }

    public TorchTensor {
        shape = shape.clone();
        strides = strides.clone();
        if (shape.length != strides.length) {
            throw new IllegalArgumentException("tensor " + name + " has " + shape.length + " sizes but " + strides.length + " strides");
        }
        long last = offset;
        long count = 1;
        for (int d = 0; d < shape.length; d++) {
            count *= shape[d];
            if (shape[d] < 0 || strides[d] < 0) {
                throw new IllegalArgumentException("tensor " + name + " has a negative size or stride");
            }
            last += (long) (shape[d] - 1) * strides[d];
        }
        if (offset < 0 || (count > 0 && last >= storage.size())) {
            throw new IllegalArgumentException("tensor " + name + " (offset " + offset + ", shape " + Arrays.toString(shape)
                    + ", strides " + Arrays.toString(strides) + ") reaches past its storage of " + storage.size() + " elements");
        }
    }

    public long elementCount() {
        long n = 1;
        for (int size : shape) {
            n *= size;
        }
        return n;
    }

    public boolean isFloat() {
        return storage instanceof FloatStorage;
    }

    /** The values in row-major order of {@link #shape}. */
    public float[] floats() {
        if (!(storage instanceof FloatStorage(float[] values))) {
            throw new IllegalStateException("tensor " + name + " holds longs, not floats");
        }
        float[] out = new float[Math.toIntExact(elementCount())];
        int[] index = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            long at = offset;
            for (int d = 0; d < shape.length; d++) {
                at += index[d] * strides[d];
            }
            out[i] = values[(int) at];
            for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return out;
    }
}

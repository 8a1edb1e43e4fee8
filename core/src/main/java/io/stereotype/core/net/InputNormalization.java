package io.stereotype.core.net;

/**
 * Per-channel mean and standard deviation of the training images; networks subtract and divide by
 * them as their first operation, so exported models take plain [0,1] pixels.
 */
public record InputNormalization(float[] mean, float[] std) {
    public InputNormalization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std must have one value per channel");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("input std must be positive, got " + s);
            }
        }
    }

    public static InputNormalization identity(int channels) {
        float[] mean = new float[channels];
        float[] std = new float[channels];
        java.util.Arrays.fill(std, 1f);
        return new InputNormalization(mean, std);
    }

    public int channels() {
        return mean.length;
    }
}

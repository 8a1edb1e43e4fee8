package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;

/** A copy of a clean image that defects paint on, recording which pixels they changed. */
final class DefectCanvas {

    private final FloatImage clean;
    private final float[] pixels;
    private final boolean[] mask;

    DefectCanvas(FloatImage clean) {
        this.clean = clean;
        this.pixels = clean.data().clone();
        this.mask = new boolean[clean.width() * clean.height()];
    }

    int size() {
        return clean.width();
    }

    boolean contains(int x, int y) {
        return x >= 0 && y >= 0 && x < clean.width() && y < clean.height();
    }

    /**
     * Moves every channel of the pixel the fraction {@code amount} of the way from its clean value
     * to {@code target}, keeping some of the texture underneath, and marks it defective.
     */
    void blendToward(int x, int y, float target, float amount) {
        int channels = clean.channels();
        int p = y * clean.width() + x;
        float[] original = clean.data();
        for (int c = 0; c < channels; c++) {
            int i = p * channels + c;
            pixels[i] = original[i] + amount * (target - original[i]);
        }
        mask[p] = true;
    }

    /**
     * Adds {@code delta} (one value per channel, scaled by {@code weight}) to the pixel, clamped to
     * [0,1]; it is marked defective only if some channel changed by at least {@code visible}.
     */
    void shift(int x, int y, float[] delta, float weight, float visible) {
        int channels = clean.channels();
        int p = y * clean.width() + x;
        float[] original = clean.data();
        float largest = 0;
        for (int c = 0; c < channels; c++) {
            int i = p * channels + c;
            pixels[i] = Math.clamp(original[i] + weight * delta[c], 0f, 1f);
            largest = Math.max(largest, Math.abs(pixels[i] - original[i]));
        }
        mask[p] |= largest >= visible;
    }

    DefectedImage result() {
        return new DefectedImage(new FloatImage(clean.width(), clean.height(), clean.channels(), pixels), mask);
    }
}

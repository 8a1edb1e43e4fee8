package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;
import java.util.Random;

/** Produces fresh normal (defect-free) images of one texture class. */
interface TextureSource {

    /**
     * Normal images keep every channel within [{@code LOW}, {@code HIGH}], so that dark and
     * bright defects always change a pixel by a visible amount instead of clipping at 0 or 1.
     */
    float LOW = 0.2f;
    float HIGH = 0.8f;

    FloatImage next(Random rng);

    /**
     * Stretches {@code values} linearly, in place, so that their minimum becomes {@code LOW} and
     * their maximum {@code HIGH}.
     *
     * @throws IllegalArgumentException if all values are equal (nothing to stretch)
     */
    static void stretchToToneRange(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            throw new IllegalArgumentException("all values are equal (" + min + "); there is no texture to stretch");
        }
        float scale = (HIGH - LOW) / (max - min);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.clamp(LOW + (values[i] - min) * scale, LOW, HIGH);
        }
    }
}

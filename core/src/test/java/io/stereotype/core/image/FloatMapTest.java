package io.stereotype.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FloatMapTest {

    private static FloatMap impulse(int size) {
        float[] values = new float[size * size];
        values[size / 2 * size + size / 2] = 1;
        return new FloatMap(size, size, values);
    }

    @Test
    void validatesAndReadsValues() {
        var error = assertThrows(IllegalArgumentException.class, () -> new FloatMap(3, 2, new float[5]));
        assertEquals("map 3x2 needs 6 values, got 5", error.getMessage());
        FloatMap map = new FloatMap(3, 2, new float[] {0, 1, 2, 3, -9, 5});
        assertEquals(3f, map.get(0, 1));
        assertEquals(5f, map.max());
    }

    @Test
    void blurSpreadsAnImpulseIntoANormalisedGaussian() {
        FloatMap blurred = impulse(21).gaussianBlur(1.0);
        // centre = (1 / sum_{k=-4..4} exp(-k^2 / 2))^2 = (1 / 2.5066)^2 = 0.15915
        assertEquals(0.15915, blurred.get(10, 10), 1e-4);
        assertEquals(blurred.get(10, 10) * Math.exp(-0.5), blurred.get(11, 10), 1e-6);
        assertEquals(blurred.get(9, 10), blurred.get(11, 10), 1e-7);
        double sum = 0;
        for (float v : blurred.values()) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-5);
        // the radius is ceil(4 sigma) = 4: nothing reaches 5 pixels away
        assertEquals(0f, blurred.get(15, 10));
        assertEquals(0f, impulse(21).gaussianBlur(1.0).get(10, 5));
    }

    @Test
    void blurKeepsAConstantMapConstantEvenWithAKernelWiderThanTheMap() {
        float[] values = new float[3 * 2];
        Arrays.fill(values, 0.7f);
        FloatMap blurred = new FloatMap(3, 2, values).gaussianBlur(3.0);
        for (float v : blurred.values()) {
            assertEquals(0.7f, v, 1e-5);
        }
    }

    @Test
    void blurReflectsAtTheBorder() {
        // sigma 0.5: radius 2, weights w0, w1, w2, read off an impulse in the middle of a wide map:
        // inner(4 - k) = wk. Reflect-101 reads x = -1 as x = 1, so for an impulse at x = 1 the border
        // pixel x = 0 gets w1 twice, and x = 1 gets w0 plus w2 (from x = 1 - 2 = -1, reflected onto itself).
        FloatMap edge = new FloatMap(5, 1, new float[] {0, 1, 0, 0, 0}).gaussianBlur(0.5);
        FloatMap inner = new FloatMap(9, 1, new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0}).gaussianBlur(0.5);
        assertEquals(2 * inner.get(3, 0), edge.get(0, 0), 1e-6);
        assertEquals(inner.get(4, 0) + inner.get(2, 0), edge.get(1, 0), 1e-6);
    }

    @Test
    void nonPositiveSigmaLeavesTheMapAlone() {
        FloatMap map = impulse(5);
        assertSame(map, map.gaussianBlur(0));
        assertSame(map, map.gaussianBlur(-1));
    }

    @Test
    void resizesBilinearly() {
        FloatMap map = new FloatMap(2, 1, new float[] {0, 1});
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, map.resizeBilinear(4, 1).values(), 1e-6f);
        assertEquals(2, map.resizeBilinear(4, 2).height());
    }
}

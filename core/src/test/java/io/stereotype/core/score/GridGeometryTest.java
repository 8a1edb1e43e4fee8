package io.stereotype.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.infer.DescriptorMap;
import org.junit.jupiter.api.Test;

/** Padding, the one-patch case and grid-to-pixel interpolation on images small enough to check by hand. */
class GridGeometryTest {
    // receptive field 5, stride 2: 2 pixels before (centring), 5 - 1 - 2 + 2 - 1 = 3 after (centring plus a stride's reach)
    static final GridGeometry GEOMETRY = new GridGeometry(8, 5, 2);

    @Test
    void padsByHalfTheReceptiveFieldBeforeAndAStrideMoreAfter() {
        assertEquals(2, GEOMETRY.padBefore());
        assertEquals(3, GEOMETRY.padAfter());
        assertEquals(0, new GridGeometry(8, 1, 1).padBefore());
        assertEquals(0, new GridGeometry(8, 1, 1).padAfter());
    }

    @Test
    void paddingReflectsWithoutRepeatingTheEdge() {
        // a 4x1 row 10 20 30 40: two reflected before (30 20), three after (30 20 10)
        FloatImage row = new FloatImage(4, 1, 1, new float[] {10, 20, 30, 40});
        FloatImage padded = GEOMETRY.pad(row);
        assertEquals(9, padded.width());
        assertEquals(6, padded.height());
        float[] first = new float[9];
        for (int x = 0; x < 9; x++) {
            first[x] = padded.get(x, 0, 0);
        }
        assertArrayEquals(new float[] {30, 20, 10, 20, 30, 40, 30, 20, 10}, first);
    }

    @Test
    void anImageOfExactlyOnePatchIsOneDescriptorAndNotPadded() {
        FloatImage patch = FloatImage.zeros(8, 8, 1);
        assertSame(patch, GEOMETRY.input(patch));
        DescriptorMap output = new DescriptorMap(2, 1, 2, new float[] {1, 2, 3, 4});
        DescriptorMap grid = GEOMETRY.grid(output, patch);
        assertEquals(1, grid.width());
        assertEquals(1, grid.height());
        assertArrayEquals(new float[] {1, 2}, grid.values());
        FloatImage larger = FloatImage.zeros(9, 8, 1);
        assertEquals(9 + 5, GEOMETRY.input(larger).width());
        assertSame(output, GEOMETRY.grid(output, larger));
    }

    @Test
    void gridPositionIIsPixelITimesStrideAndPixelsBetweenInterpolate() {
        // grid 2x2 [0 4; 8 12] at stride 2 over 4x3 pixels: x/2 and y/2, clamped at the last position
        float[] pixels = GEOMETRY.toPixels(new float[] {0, 4, 8, 12}, 2, 2, 4, 3).values();
        assertArrayEquals(new float[] {
                0, 2, 4, 4,
                4, 6, 8, 8,
                8, 10, 12, 12}, pixels, 1e-6f);
    }
}

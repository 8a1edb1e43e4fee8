package io.stereotype.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FloatImageTest {

    private static FloatImage grey(int w, int h, float... values) {
        return new FloatImage(w, h, 1, values);
    }

    @Test
    void rejectsWrongSizesAndChannelCounts() {
        var wrongLength = assertThrows(IllegalArgumentException.class, () -> new FloatImage(2, 2, 3, new float[11]));
        assertEquals("image 2x2x3 needs 12 values, got 11", wrongLength.getMessage());
        var twoChannels = assertThrows(IllegalArgumentException.class, () -> new FloatImage(2, 2, 2, new float[8]));
        assertEquals("image must have 1 or 3 channels, got 2", twoChannels.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FloatImage.zeros(0, 3, 1));
    }

    @Test
    void indexesRowMajorWithInterleavedChannels() {
        FloatImage image = new FloatImage(2, 2, 3, new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        assertEquals(5f, image.get(1, 0, 2));
        assertEquals(9f, image.get(1, 1, 0));
        var outside = assertThrows(IndexOutOfBoundsException.class, () -> image.get(2, 0, 0));
        assertTrue(outside.getMessage().contains("(2,0,0)"), outside.getMessage());
    }

    @Test
    void convertsRgbToLuminanceAndGreyToRgb() {
        FloatImage rgb = new FloatImage(2, 1, 3, new float[] {1, 0, 0, 0.2f, 0.4f, 0.6f});
        FloatImage grey = rgb.toChannels(1);
        assertEquals(0.299f, grey.get(0, 0, 0), 1e-6);
        assertEquals(0.299f * 0.2f + 0.587f * 0.4f + 0.114f * 0.6f, grey.get(1, 0, 0), 1e-6);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, grey(1, 1, 0.5f).toChannels(3).data());
        assertSame(rgb, rgb.toChannels(3));
    }

    @Test
    void resizesLikeOpenCvInterLinear() {
        // upscaling 2 -> 4: source x = (x + 0.5) / 2 - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
        assertArrayEquals(new float[] {0, 0.25f, 0.75f, 1}, grey(2, 1, 0, 1).resize(4, 1).data(), 1e-6f);
        // downscaling 4 -> 2: source x = 0.5 and 2.5, the means of neighbouring pairs
        assertArrayEquals(new float[] {0.5f, 2.5f}, grey(4, 1, 0, 1, 2, 3).resize(2, 1).data(), 1e-6f);
        // both axes: the centre of a 2x2 image upscaled to 3x3 is the mean of all four pixels
        assertEquals(1.5f, grey(2, 2, 0, 1, 2, 3).resize(3, 3).get(1, 1, 0), 1e-6f);
    }

    @Test
    void cropsAndRejectsCropsOutsideTheImage() {
        FloatImage image = grey(3, 2, 0, 1, 2, 3, 4, 5);
        assertArrayEquals(new float[] {1, 2, 4, 5}, image.crop(1, 0, 2, 2).data());
        var error = assertThrows(IllegalArgumentException.class, () -> image.crop(2, 0, 2, 2));
        assertEquals("crop 2x2 at (2,0) does not fit in image 3x2", error.getMessage());
    }

    @Test
    void reflectPadsLikeNumpyReflect() {
        // numpy documentation: np.pad([1, 2, 3, 4, 5], (2, 3), 'reflect') == [3, 2, 1, 2, 3, 4, 5, 4, 3, 2]
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 4, 5, 4, 3, 2}, grey(5, 1, 1, 2, 3, 4, 5).reflectPad(2, 0, 3, 0).data());
        // pads wider than the image keep reflecting: ... 2 1 2 3 2 1 2 3 2 ... has period 2n-2 = 4
        assertArrayEquals(new float[] {2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2}, grey(3, 1, 1, 2, 3).reflectPad(5, 0, 5, 0).data());
        FloatImage vertical = grey(1, 2, 7, 8).reflectPad(0, 1, 0, 2);
        assertArrayEquals(new float[] {8, 7, 8, 7, 8}, vertical.data());
    }

    @Test
    void rotatesCounterClockwiseLikeNumpyRot90() {
        FloatImage m = grey(3, 2, 0, 1, 2, 3, 4, 5);
        FloatImage once = m.rotate90(1);
        assertEquals(2, once.width());
        assertEquals(3, once.height());
        // np.rot90([[0, 1, 2], [3, 4, 5]]) == [[2, 5], [1, 4], [0, 3]]
        assertArrayEquals(new float[] {2, 5, 1, 4, 0, 3}, once.data());
        // np.rot90(m, -1) == [[3, 0], [4, 1], [5, 2]]
        assertArrayEquals(new float[] {3, 0, 4, 1, 5, 2}, m.rotate90(-1).data());
        assertArrayEquals(m.rotate90(3).data(), m.rotate90(-1).data());
        assertArrayEquals(m.data(), m.rotate90(4).data());
        assertArrayEquals(new float[] {5, 4, 3, 2, 1, 0}, m.rotate90(2).data());
    }

    @Test
    void rotationMovesWholePixelsOfRgbImages() {
        FloatImage rgb = new FloatImage(2, 1, 3, new float[] {1, 2, 3, 4, 5, 6});
        // the right pixel ends on top
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3}, rgb.rotate90(1).data());
    }

    @Test
    void flipsLeftRight() {
        assertArrayEquals(new float[] {2, 1, 0, 5, 4, 3}, grey(3, 2, 0, 1, 2, 3, 4, 5).flipHorizontal().data());
    }
}

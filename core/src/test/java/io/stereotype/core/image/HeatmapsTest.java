package io.stereotype.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class HeatmapsTest {

    private static final FloatMap RAMP = new FloatMap(3, 1, new float[] {-1, 0.5f, 7});

    @Test
    void colorizesMinimumDarkBlueMiddleGreenishMaximumDarkRed() {
        BufferedImage image = Heatmaps.colorize(RAMP, 0, 1);
        // values are clamped to [min, max]; jet(0) = (0, 0, 0.5), jet(0.5) = (0.5, 1, 0.5), jet(1) = (0.5, 0, 0)
        assertEquals(0x000080, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x80FF80, image.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0x800000, image.getRGB(2, 0) & 0xFFFFFF);
    }

    @Test
    void overlayBlendsColourOverTheImage() {
        FloatImage white = new FloatImage(3, 1, 1, new float[] {1, 1, 1});
        BufferedImage half = Heatmaps.overlay(white, RAMP, 0, 1, 0.5f);
        // (1 - 0.5) * white + 0.5 * (0, 0, 0.5) = (0.5, 0.5, 0.75)
        assertEquals(0x8080BF, half.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, Heatmaps.overlay(white, RAMP, 0, 1, 0f).getRGB(2, 0) & 0xFFFFFF);
        assertEquals(0x800000, Heatmaps.overlay(white, RAMP, 0, 1, 1f).getRGB(2, 0) & 0xFFFFFF);
    }

    @Test
    void rejectsMismatchedSizesAndEmptyRanges() {
        FloatImage image = FloatImage.zeros(4, 1, 3);
        var size = assertThrows(IllegalArgumentException.class, () -> Heatmaps.overlay(image, RAMP, 0, 1, 0.5f));
        assertEquals("map 3x1 does not match image 4x1; resize it first", size.getMessage());
        var range = assertThrows(IllegalArgumentException.class, () -> Heatmaps.colorize(RAMP, 1, 1));
        assertEquals("colour range needs min < max, got min=1.0 max=1.0", range.getMessage());
    }
}

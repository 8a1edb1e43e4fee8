package io.stereotype.scorer.image;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.Heatmaps;
import io.stereotype.core.score.AnomalyResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Draws an image's anomaly map over it as a PNG heat map. */
public final class OverlayRenderer {
    private static final float ALPHA = 0.5f;

    private OverlayRenderer() {
    }

    /**
     * Colours run from the map's minimum (blue) to the larger of its maximum and the model's
     * threshold (red): only an image scored above the threshold reaches red, so a normal image does
     * not look alarming just because every map has a hottest spot.
     */
    public static byte[] png(FloatImage image, AnomalyResult result) {
        float[] values = result.map().values();
        float low = Float.POSITIVE_INFINITY;
        for (float v : values) {
            low = Math.min(low, v);
        }
        float high = (float) Math.max(result.map().max(), result.threshold());
        if (!(high > low)) {
            high = low + 1;
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(Heatmaps.overlay(image, result.map(), low, high, ALPHA), "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the anomaly map as PNG", e);
        }
        return png.toByteArray();
    }
}

package io.stereotype.core.image;

import java.awt.image.BufferedImage;

/** Renders score maps as colour images (a jet-like colormap), alone or blended over the scored image. */
public final class Heatmaps {

    private Heatmaps() {
    }

    /** Colours the map: {@code min} and below is dark blue, {@code max} and above is dark red. */
    public static BufferedImage colorize(FloatMap map, float min, float max) {
        return ImageFiles.toBufferedImage(colours(map, min, max));
    }

    /**
     * Blends the coloured map over the image: {@code (1 - alpha) * image + alpha * colour}.
     * The map must already have the image's size.
     */
    public static BufferedImage overlay(FloatImage image, FloatMap map, float min, float max, float alpha) {
        if (map.width() != image.width() || map.height() != image.height()) {
            throw new IllegalArgumentException("map " + map.width() + "x" + map.height()
                    + " does not match image " + image.width() + "x" + image.height() + "; resize it first");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0,1], got " + alpha);
        }
        float[] colours = colours(map, min, max).data();
        float[] pixels = image.toChannels(3).data();
        float[] blended = new float[colours.length];
        for (int i = 0; i < blended.length; i++) {
            blended[i] = (1 - alpha) * pixels[i] + alpha * colours[i];
        }
        return ImageFiles.toBufferedImage(new FloatImage(image.width(), image.height(), 3, blended));
    }

    private static FloatImage colours(FloatMap map, float min, float max) {
        if (!(max > min)) {
            throw new IllegalArgumentException("colour range needs min < max, got min=" + min + " max=" + max);
        }
        float[] values = map.values();
        float[] rgb = new float[values.length * 3];
        for (int p = 0; p < values.length; p++) {
            float t = Math.clamp((values[p] - min) / (max - min), 0f, 1f);
            // piecewise-linear jet: dark blue, blue, cyan, yellow, red, dark red as t goes 0 to 1
            rgb[3 * p] = Math.clamp(1.5f - Math.abs(4 * t - 3), 0f, 1f);
            rgb[3 * p + 1] = Math.clamp(1.5f - Math.abs(4 * t - 2), 0f, 1f);
            rgb[3 * p + 2] = Math.clamp(1.5f - Math.abs(4 * t - 1), 0f, 1f);
        }
        return new FloatImage(map.width(), map.height(), 3, rgb);
    }
}

package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;
import java.util.List;
import java.util.Random;

/**
 * Procedural textures. A kind fixes the statistics (scale, orientation, colours); every call
 * draws a new random realisation, so training and test images look alike without repeating.
 */
final class ProceduralTexture implements TextureSource {

    /** Known kinds: cloudy fractal noise, wood grain (distorted oriented stripes), woven threads. */
    static final List<String> KINDS = List.of("noise", "wood", "weave");

    private final String kind;
    private final int size;
    private final boolean grey;

    ProceduralTexture(String kind, int size, boolean grey) {
        this.kind = requireKnown(kind);
        this.size = size;
        this.grey = grey;
    }

    /** @throws IllegalArgumentException listing the known kinds if {@code kind} is none of them */
    static String requireKnown(String kind) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown texture '" + kind + "', expected one of " + KINDS);
        }
        return kind;
    }

    @Override
    public FloatImage next(Random rng) {
        float[] tone = switch (kind) {
            case "noise" -> ValueNoise.fractal(size, size, size / 4.0, 5, rng);
            case "wood" -> wood(rng);
            default -> weave(rng);
        };
        TextureSource.stretchToToneRange(tone);
        FloatImage image = new FloatImage(size, size, 1, tone);
        return grey ? image : colour(image);
    }

    /** Stripes about 30 degrees from horizontal, bent by low-frequency noise, with fine grain on top. */
    private float[] wood(Random rng) {
        double angle = Math.toRadians(30 + 10 * (rng.nextDouble() - 0.5));
        double period = 12;
        double phase = 2 * Math.PI * rng.nextDouble();
        float[] warp = ValueNoise.fractal(size, size, 40, 2, rng);
        float[] grain = ValueNoise.fractal(size, size, 3, 2, rng);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = y * size + x;
                double along = (x * sin - y * cos) / period;
                out[p] = (float) (0.5 + 0.5 * Math.sin(2 * Math.PI * along + phase + 4 * warp[p]) + 0.25 * grain[p]);
            }
        }
        return out;
    }

    /** Plain weave: cells alternate between horizontal and vertical threads, each thread with its own shade. */
    private float[] weave(Random rng) {
        int period = 12;
        int offsetX = rng.nextInt(2 * period);
        int offsetY = rng.nextInt(2 * period);
        int threads = size / period + 3;
        float[] shadeOfRow = new float[threads];
        float[] shadeOfColumn = new float[threads];
        for (int i = 0; i < threads; i++) {
            shadeOfRow[i] = 0.75f + 0.25f * rng.nextFloat();
            shadeOfColumn[i] = 0.75f + 0.25f * rng.nextFloat();
        }
        float[] fibre = ValueNoise.fractal(size, size, 4, 2, rng);
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            int gy = y + offsetY;
            for (int x = 0; x < size; x++) {
                int gx = x + offsetX;
                int cellX = gx / period;
                int cellY = gy / period;
                boolean horizontalOnTop = (cellX + cellY) % 2 == 0;
                // a thread is brightest along its middle and dark in the gap between threads
                double across = horizontalOnTop ? (gy % period + 0.5) / period : (gx % period + 0.5) / period;
                float shade = horizontalOnTop ? shadeOfRow[cellY] : shadeOfColumn[cellX];
                out[y * size + x] = (float) (shade * Math.sin(Math.PI * across) + 0.2 * fibre[y * size + x]);
            }
        }
        return out;
    }

    /** Maps the grey tone onto a per-kind colour ramp whose channels stay within the tone range. */
    private FloatImage colour(FloatImage tone) {
        float[][] ramp = switch (kind) {
            case "noise" -> new float[][] {{0.25f, 0.32f, 0.22f}, {0.72f, 0.78f, 0.60f}};
            case "wood" -> new float[][] {{0.36f, 0.22f, 0.20f}, {0.80f, 0.62f, 0.40f}};
            default -> new float[][] {{0.22f, 0.25f, 0.42f}, {0.62f, 0.66f, 0.80f}};
        };
        float[] t = tone.data();
        float[] rgb = new float[t.length * 3];
        for (int p = 0; p < t.length; p++) {
            float f = (t[p] - LOW) / (HIGH - LOW);
            for (int c = 0; c < 3; c++) {
                rgb[3 * p + c] = ramp[0][c] + f * (ramp[1][c] - ramp[0][c]);
            }
        }
        return new FloatImage(size, size, 3, rgb);
    }
}

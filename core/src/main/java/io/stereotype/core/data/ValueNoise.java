package io.stereotype.core.data;

import java.util.Random;

/**
 * Fractal value noise: random values on a square lattice, smoothly interpolated, summed over
 * octaves of halving period and amplitude. Cheap, seedable and isotropic enough for textures.
 */
final class ValueNoise {

    private ValueNoise() {
    }

    /**
     * @param period  lattice spacing of the coarsest octave, in pixels
     * @param octaves number of octaves; each has half the period and half the amplitude
     * @return {@code width * height} values, row-major, roughly in [0, 2)
     */
    static float[] fractal(int width, int height, double period, int octaves, Random rng) {
        float[] out = new float[width * height];
        double amplitude = 1;
        for (int o = 0; o < octaves; o++) {
            addOctave(out, width, height, period, amplitude, rng);
            period /= 2;
            amplitude /= 2;
        }
        return out;
    }

    private static void addOctave(float[] out, int width, int height, double period, double amplitude, Random rng) {
        int gw = (int) Math.ceil(width / period) + 2;
        int gh = (int) Math.ceil(height / period) + 2;
        float[] lattice = new float[gw * gh];
        for (int i = 0; i < lattice.length; i++) {
            lattice[i] = rng.nextFloat();
        }
        for (int y = 0; y < height; y++) {
            double v = y / period;
            int j = (int) v;
            double ty = smooth(v - j);
            for (int x = 0; x < width; x++) {
                double u = x / period;
                int i = (int) u;
                double tx = smooth(u - i);
                double top = lattice[j * gw + i] * (1 - tx) + lattice[j * gw + i + 1] * tx;
                double bottom = lattice[(j + 1) * gw + i] * (1 - tx) + lattice[(j + 1) * gw + i + 1] * tx;
                out[y * width + x] += (float) (amplitude * (top * (1 - ty) + bottom * ty));
            }
        }
    }

    /** Smoothstep, so that the noise has no visible lattice creases. */
    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}

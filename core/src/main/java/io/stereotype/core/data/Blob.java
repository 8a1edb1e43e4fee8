package io.stereotype.core.data;

import java.util.Random;

/** An irregular round shape: a circle whose radius varies smoothly with the angle. */
final class Blob {

    private static final int FIRST_HARMONIC = 2;
    private static final int HARMONICS = 3;

    private final double centreX;
    private final double centreY;
    private final double radius;
    private final double[] amplitudes = new double[HARMONICS];
    private final double[] phases = new double[HARMONICS];

    /** A blob of mean radius {@code radius} placed so that it and {@code margin} more pixels fit in the image. */
    Blob(int size, double radius, double margin, Random rng) {
        this.radius = radius;
        double reach = 1.4 * radius + margin;
        this.centreX = reach + rng.nextDouble() * Math.max(0, size - 2 * reach);
        this.centreY = reach + rng.nextDouble() * Math.max(0, size - 2 * reach);
        for (int k = 0; k < HARMONICS; k++) {
            amplitudes[k] = 0.12 * rng.nextDouble();
            phases[k] = 2 * Math.PI * rng.nextDouble();
        }
    }

    /** Distance of the pixel's centre from the blob's centre, minus the blob's radius in that direction. */
    double distanceOutside(int x, int y) {
        double dx = x + 0.5 - centreX;
        double dy = y + 0.5 - centreY;
        return Math.hypot(dx, dy) - radiusAt(Math.atan2(dy, dx));
    }

    /** Distance of the pixel's centre from the blob's centre as a fraction of the blob's radius in that direction. */
    double relativeDistance(int x, int y) {
        double dx = x + 0.5 - centreX;
        double dy = y + 0.5 - centreY;
        return Math.hypot(dx, dy) / radiusAt(Math.atan2(dy, dx));
    }

    private double radiusAt(double angle) {
        double r = 1;
        for (int k = 0; k < HARMONICS; k++) {
            r += amplitudes[k] * Math.sin((k + FIRST_HARMONIC) * angle + phases[k]);
        }
        return radius * r;
    }
}

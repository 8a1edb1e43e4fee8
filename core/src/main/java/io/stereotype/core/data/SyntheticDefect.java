package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Defects painted onto clean texture images, with exact masks. Scratches, spots and holes blend
 * pixels most of the way towards black or white (so the texture still shows through) and change
 * nothing outside their mask; on images within the tone range of {@link TextureSource} every
 * masked pixel then differs by at least {@link #VISIBLE_DIFFERENCE}. A stain shifts intensity
 * with a soft edge; its mask is where the shift reaches {@link #VISIBLE_DIFFERENCE}.
 */
public enum SyntheticDefect {

    /** A thin (1-3 px) curved bright or dark line. */
    SCRATCH,
    /** A small dark or bright blob. */
    SPOT,
    /** A dark irregular region with a lighter rim. */
    HOLE,
    /** A larger soft-edged shift of intensity (grey) or of intensity and hue (RGB). */
    STAIN;

    /** The smallest change of some channel that a defect mask counts as visible (about 25 of 255 grey levels). */
    public static final float VISIBLE_DIFFERENCE = 0.1f;

    /** The folder name in the data set, e.g. {@code scratch}. */
    public String folderName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException listing the known names if {@code name} is none of them */
    public static SyntheticDefect byName(String name) {
        for (SyntheticDefect defect : values()) {
            if (defect.folderName().equals(name)) {
                return defect;
            }
        }
        throw new IllegalArgumentException("unknown defect '" + name + "', expected one of "
                + Arrays.stream(values()).map(SyntheticDefect::folderName).toList());
    }

    /** Smallest and largest {@code scale} of {@link #apply(FloatImage, Random, double)}: larger ones would not fit. */
    public static final double MIN_SCALE = 0.25;
    public static final double MAX_SCALE = 2.5;

    /** Paints one defect of this kind, of its usual size, at a random place of a square image. */
    public DefectedImage apply(FloatImage clean, Random rng) {
        return apply(clean, rng, 1.0);
    }

    /**
     * Paints one defect of this kind at a random place of a square image.
     *
     * @param scale multiplies the defect's extent (scratch length, spot/hole/stain radius), in
     *              [{@link #MIN_SCALE}, {@link #MAX_SCALE}]; line widths and rims stay as they are
     */
    public DefectedImage apply(FloatImage clean, Random rng, double scale) {
        if (!(scale >= MIN_SCALE && scale <= MAX_SCALE)) {
            throw new IllegalArgumentException("defect scale must be between " + MIN_SCALE + " and " + MAX_SCALE
                    + ", got " + scale);
        }
        if (clean.width() != clean.height()) {
            throw new IllegalArgumentException("defects are painted on square images, got "
                    + clean.width() + "x" + clean.height());
        }
        DefectCanvas canvas = new DefectCanvas(clean);
        switch (this) {
            case SCRATCH -> scratch(canvas, rng, scale);
            case SPOT -> spot(canvas, rng, scale);
            case HOLE -> hole(canvas, rng, scale);
            case STAIN -> stain(canvas, rng, clean.channels(), scale);
        }
        return canvas.result();
    }

    /** A curve of slowly turning heading, drawn as overlapping discs every quarter pixel. */
    private static void scratch(DefectCanvas canvas, Random rng, double scale) {
        int size = canvas.size();
        double halfWidth = (1 + rng.nextInt(3)) / 2.0;
        float target = rng.nextBoolean() ? 1f : 0f;
        float amount = 0.75f + 0.15f * rng.nextFloat();
        double length = scale * size * (0.3 + 0.25 * rng.nextDouble());
        double x = size * (0.3 + 0.4 * rng.nextDouble());
        double y = size * (0.3 + 0.4 * rng.nextDouble());
        double heading = 2 * Math.PI * rng.nextDouble();
        double bend = (rng.nextBoolean() ? 1 : -1) * (0.5 + 1.5 * rng.nextDouble()) / length;
        double step = 0.25;
        for (double travelled = 0; travelled < length; travelled += step) {
            int reach = (int) Math.ceil(halfWidth);
            for (int py = (int) Math.floor(y) - reach; py <= (int) Math.floor(y) + reach; py++) {
                for (int px = (int) Math.floor(x) - reach; px <= (int) Math.floor(x) + reach; px++) {
                    boolean underPen = Math.hypot(px + 0.5 - x, py + 0.5 - y) <= halfWidth
                            || (px == (int) Math.floor(x) && py == (int) Math.floor(y));
                    if (underPen && canvas.contains(px, py)) {
                        canvas.blendToward(px, py, target, amount);
                    }
                }
            }
            heading += bend * step;
            x += step * Math.cos(heading);
            y += step * Math.sin(heading);
        }
    }

    /** Darkest (or brightest) in the middle, still at least 75% of the way to black (white) at the edge. */
    private static void spot(DefectCanvas canvas, Random rng, double scale) {
        int size = canvas.size();
        Blob blob = new Blob(size, scale * size * (0.03 + 0.03 * rng.nextDouble()), 1, rng);
        float target = rng.nextBoolean() ? 1f : 0f;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double r = blob.relativeDistance(x, y);
                if (r <= 1) {
                    canvas.blendToward(x, y, target, (float) (0.95 - 0.2 * r * r));
                }
            }
        }
    }

    private static void hole(DefectCanvas canvas, Random rng, double scale) {
        int size = canvas.size();
        int rim = 2 + rng.nextInt(2);
        Blob blob = new Blob(size, scale * size * (0.05 + 0.04 * rng.nextDouble()), rim + 1, rng);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double outside = blob.distanceOutside(x, y);
                if (outside <= 0) {
                    canvas.blendToward(x, y, 0f, 0.88f);
                } else if (outside <= rim) {
                    canvas.blendToward(x, y, 1f, 0.75f);
                }
            }
        }
    }

    /** Full shift up to 40% of the radius, fading smoothly to nothing at the blob's edge. */
    private static void stain(DefectCanvas canvas, Random rng, int channels, double scale) {
        int size = canvas.size();
        Blob blob = new Blob(size, scale * size * (0.1 + 0.08 * rng.nextDouble()), 0, rng);
        float strength = 0.25f + 0.1f * rng.nextFloat();
        float lighter = rng.nextBoolean() ? strength : -strength;
        float[] delta = new float[channels];
        for (int c = 0; c < channels; c++) {
            // colour images also get a tint, as a real stain changes hue as well as brightness
            delta[c] = channels == 1 ? lighter : lighter + 0.12f * (2 * rng.nextFloat() - 1);
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double r = blob.relativeDistance(x, y);
                if (r < 1) {
                    canvas.shift(x, y, delta, (float) (1 - smoothstep(0.4, 1.0, r)), VISIBLE_DIFFERENCE);
                }
            }
        }
    }

    private static double smoothstep(double edge0, double edge1, double v) {
        double t = Math.clamp((v - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - 2 * t);
    }
}

package io.stereotype.core.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Area under the per-region-overlap curve (Bergmann et al., MVTec AD). Every 8-connected region
 * of every ground-truth mask counts equally, however large: PRO(t) is the mean over regions of
 * the fraction of the region's pixels scoring {@code >= t}; FPR(t) is the fraction of all normal
 * pixels (of all images) scoring {@code >= t}. PRO is integrated over FPR from 0 to
 * {@code maxFpr} by trapezoids, the curve interpolated linearly at {@code maxFpr}, and divided by
 * {@code maxFpr}, so a perfect map gives 1.
 *
 * <p>All pixels are sorted once and the thresholds swept from the highest score down, so the cost
 * is one sort of the pixels.
 */
public final class Aupro {

    /** The usual integration limit for MVTec AD. */
    public static final double DEFAULT_MAX_FPR = 0.3;

    private Aupro() {
    }

    /**
     * @param maps   per image, its scores row-major
     * @param masks  per image, its ground truth (true = anomalous), same layout
     * @param sizes  per image, {@code {width, height}}
     * @param maxFpr integration limit in (0, 1]
     * @throws IllegalArgumentException if the lists or array sizes disagree, a score is NaN, or
     *                                  there is no anomalous region or no normal pixel
     */
    public static double compute(List<float[]> maps, List<boolean[]> masks, List<int[]> sizes, double maxFpr) {
        if (!(maxFpr > 0 && maxFpr <= 1)) {
            throw new IllegalArgumentException("maxFpr must be in (0, 1], got " + maxFpr);
        }
        if (maps.size() != masks.size() || maps.size() != sizes.size()) {
            throw new IllegalArgumentException("need one mask and one size per map, got " + maps.size() + " maps, "
                    + masks.size() + " masks, " + sizes.size() + " sizes");
        }
        Regions regions = Regions.label(masks, sizes);
        int[] normal = new int[regions.normalPixels()];
        long[] anomalous = new long[regions.anomalousPixels()];
        int n = 0;
        int a = 0;
        for (int k = 0; k < maps.size(); k++) {
            float[] map = maps.get(k);
            int[] labels = regions.labelsOf(k);
            if (map.length != labels.length) {
                throw new IllegalArgumentException("map " + k + " has " + map.length + " values, its mask "
                        + labels.length);
            }
            for (int i = 0; i < map.length; i++) {
                if (Float.isNaN(map[i])) {
                    throw new IllegalArgumentException("score " + i + " of map " + k + " is NaN");
                }
                int key = sortableKey(map[i]);
                if (labels[i] < 0) {
                    normal[n++] = key;
                } else {
                    // score in the high half, region in the low half: one primitive sort orders by score
                    anomalous[a++] = (long) key << 32 | labels[i];
                }
            }
        }
        if (normal.length == 0 || anomalous.length == 0) {
            throw new IllegalArgumentException("AUPRO needs normal and anomalous pixels, got " + normal.length
                    + " normal and " + anomalous.length + " anomalous");
        }
        Arrays.sort(normal);
        Arrays.sort(anomalous);
        return integrate(normal, anomalous, regions.sizes(), maxFpr);
    }

    private static double integrate(int[] normal, long[] anomalous, int[] regionSizes, double maxFpr) {
        int i = normal.length - 1;
        int j = anomalous.length - 1;
        long falsePositives = 0;
        double overlapSum = 0;
        double fpr = 0;
        double pro = 0;
        double area = 0;
        while (i >= 0 || j >= 0) {
            int threshold = i < 0 ? scoreOf(anomalous[j])
                    : j < 0 ? normal[i] : Math.max(normal[i], scoreOf(anomalous[j]));
            while (i >= 0 && normal[i] == threshold) {
                falsePositives++;
                i--;
            }
            while (j >= 0 && scoreOf(anomalous[j]) == threshold) {
                overlapSum += 1.0 / regionSizes[(int) anomalous[j]];
                j--;
            }
            double nextFpr = (double) falsePositives / normal.length;
            double nextPro = overlapSum / regionSizes.length;
            if (nextFpr >= maxFpr) {
                double proAtLimit = pro + (nextPro - pro) * (maxFpr - fpr) / (nextFpr - fpr);
                area += (maxFpr - fpr) * (pro + proAtLimit) / 2;
                return area / maxFpr;
            }
            area += (nextFpr - fpr) * (pro + nextPro) / 2;
            fpr = nextFpr;
            pro = nextPro;
        }
        throw new IllegalStateException("FPR never reached " + maxFpr + "; the sweep must end at FPR 1");
    }

    /** An int whose signed order is the float's numeric order (NaN excluded). */
    private static int sortableKey(float score) {
        int bits = Float.floatToIntBits(score == 0f ? 0f : score);
        return bits ^ (bits >> 31 & 0x7fffffff);
    }

    private static int scoreOf(long anomalousKey) {
        return (int) (anomalousKey >> 32);
    }
}

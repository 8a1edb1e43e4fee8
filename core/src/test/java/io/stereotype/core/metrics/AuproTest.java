package io.stereotype.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AuproTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void handComputedCurve() {
        // 4x2 image: region R1 = {(0,0), (1,0)} scores 0.8 and 0.1; region R2 = {(3,0)} scores 0.6
        // ((2,1) between them is normal, so they are not 8-connected); 5 normal pixels 0.9 .. 0.2
        float[] map = {0.8f, 0.1f, 0.9f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f};
        boolean[] mask = {T, T, F, T, F, F, F, F};
        // sweeping the threshold down gives (FPR, PRO):
        // 0.9 -> (0.2, 0); 0.8 -> (0.2, (1/2 + 0) / 2 = 0.25); 0.6 -> (0.2, (1/2 + 1) / 2 = 0.75);
        // 0.5 -> (0.4, 0.75); 0.4 -> (0.6, 0.75); 0.3 -> (0.8, 0.75); 0.2 -> (1, 0.75); 0.1 -> (1, 1)
        // up to FPR 0.3: zero area until 0.2, then 0.1 * 0.75 = 0.075; divided by 0.3 = 0.25
        assertEquals(0.25, aupro(map, mask, 4, 2, 0.3), 1e-12);
        // up to FPR 1: 0.8 * 0.75 = 0.6
        assertEquals(0.6, aupro(map, mask, 4, 2, 1.0), 1e-12);
        // up to FPR 0.5: 0.3 * 0.75 / 0.5 = 0.45 (the limit falls between curve points)
        assertEquals(0.45, aupro(map, mask, 4, 2, 0.5), 1e-12);
    }

    @Test
    void diagonalPixelsFormOneRegion() {
        // A = (0,0) and B = (1,1) touch diagonally: one region {A, B}; C = (3,0) is a second region.
        // Only A scores high (0.9), normals 0.5, B and C 0.1. At 0.9: PRO = (1/2 + 0) / 2 = 0.25 at FPR 0,
        // flat until FPR 1. With 4-connectivity it would be (1 + 0 + 0) / 3 = 0.333.
        float[] map = {0.9f, 0.5f, 0.5f, 0.1f, 0.5f, 0.1f, 0.5f, 0.5f};
        boolean[] mask = {T, F, F, T, F, T, F, F};
        assertEquals(0.25, aupro(map, mask, 4, 2, 0.3), 1e-12);
    }

    @Test
    void perfectMapScoresOneAndInvertedMapZero() {
        boolean[] mask = {F, F, F, T, T, F, F, F, T};
        float[] perfect = new float[mask.length];
        float[] inverted = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            perfect[i] = mask[i] ? 1 + i : -i;
            inverted[i] = -perfect[i];
        }
        List<float[]> goodImage = List.of(new float[] {-5, -6});
        assertEquals(1.0, Aupro.compute(List.of(perfect, goodImage.get(0)), List.of(mask, new boolean[2]),
                List.of(new int[] {3, 3}, new int[] {2, 1}), 0.3), 1e-12);
        assertEquals(0.0, aupro(inverted, mask, 3, 3, 0.3), 1e-12);
    }

    @Test
    void agreesWithAThresholdByThresholdComputation() {
        // masks are unions of separated rectangles, so the regions are known without labelling
        Random rng = new Random(11);
        int w = 12;
        int h = 10;
        List<float[]> maps = new ArrayList<>();
        List<boolean[]> masks = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        List<List<Integer>> regions = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            boolean[] mask = new boolean[w * h];
            float[] map = new float[w * h];
            int offset = maps.size() * w * h;
            for (int[] r : new int[][] {{1, 1, 3, 2}, {6, 4, 4, 5}}) {
                if (k == 2) {
                    break; // the third image is normal
                }
                List<Integer> region = new ArrayList<>();
                for (int y = r[1]; y < r[1] + r[3]; y++) {
                    for (int x = r[0]; x < r[0] + r[2]; x++) {
                        mask[y * w + x] = true;
                        region.add(offset + y * w + x);
                    }
                }
                regions.add(region);
            }
            for (int i = 0; i < map.length; i++) {
                // coarse values for ties; anomalous pixels score higher on average
                map[i] = rng.nextInt(10) + (mask[i] ? 4 : 0);
            }
            maps.add(map);
            masks.add(mask);
            sizes.add(new int[] {w, h});
        }
        double maxFpr = 0.3;
        assertEquals(bruteForce(maps, masks, regions, maxFpr), Aupro.compute(maps, masks, sizes, maxFpr), 1e-9);
    }

    /** Recomputes FPR and PRO from scratch at every distinct score, then integrates. */
    private static double bruteForce(List<float[]> maps, List<boolean[]> masks, List<List<Integer>> regions, double maxFpr) {
        List<Float> all = new ArrayList<>();
        List<Boolean> anomalous = new ArrayList<>();
        for (int k = 0; k < maps.size(); k++) {
            for (int i = 0; i < maps.get(k).length; i++) {
                all.add(maps.get(k)[i]);
                anomalous.add(masks.get(k)[i]);
            }
        }
        long normals = anomalous.stream().filter(a -> !a).count();
        List<double[]> curve = new ArrayList<>();
        curve.add(new double[] {0, 0});
        for (float t : new TreeSet<>(all).descendingSet()) {
            long fp = 0;
            for (int i = 0; i < all.size(); i++) {
                fp += !anomalous.get(i) && all.get(i) >= t ? 1 : 0;
            }
            double pro = 0;
            for (List<Integer> region : regions) {
                pro += region.stream().filter(i -> all.get(i) >= t).count() / (double) region.size();
            }
            curve.add(new double[] {(double) fp / normals, pro / regions.size()});
        }
        double area = 0;
        for (int i = 1; i < curve.size(); i++) {
            double[] a = curve.get(i - 1);
            double[] b = curve.get(i);
            if (b[0] >= maxFpr) {
                double atLimit = a[1] + (b[1] - a[1]) * (maxFpr - a[0]) / (b[0] - a[0]);
                return (area + (maxFpr - a[0]) * (a[1] + atLimit) / 2) / maxFpr;
            }
            area += (b[0] - a[0]) * (a[1] + b[1]) / 2;
        }
        throw new AssertionError("curve never reached " + maxFpr);
    }

    @Test
    void rejectsInconsistentInput() {
        var sizes = assertThrows(IllegalArgumentException.class, () -> Aupro.compute(List.of(new float[6]),
                List.of(new boolean[6]), List.of(new int[] {2, 2}), 0.3));
        assertEquals("mask 0 has 6 pixels but its size is [2, 2]", sizes.getMessage());
        var noRegion = assertThrows(IllegalArgumentException.class, () -> aupro(new float[4], new boolean[4], 2, 2, 0.3));
        assertEquals("AUPRO needs normal and anomalous pixels, got 4 normal and 0 anomalous", noRegion.getMessage());
        var limit = assertThrows(IllegalArgumentException.class, () -> aupro(new float[4], new boolean[4], 2, 2, 0));
        assertEquals("maxFpr must be in (0, 1], got 0.0", limit.getMessage());
    }

    private static double aupro(float[] map, boolean[] mask, int w, int h, double maxFpr) {
        return Aupro.compute(List.of(map), List.of(mask), List.of(new int[] {w, h}), maxFpr);
    }
}

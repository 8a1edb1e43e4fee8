package io.stereotype.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AurocTest {

    @Test
    void handComputedExampleWithTies() {
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.4};
        boolean[] positive = {false, true, false, true, false};
        // positive 0.4 beats 0.1 and 0.35 and ties 0.4 (1 + 1 + 0.5); positive 0.8 beats all three (3): 5.5 / 6
        assertEquals(5.5 / 6, Auroc.compute(scores, positive), 1e-12);
    }

    @Test
    void perfectInvertedAndAllTiedDetectors() {
        boolean[] positive = {false, false, true, true};
        assertEquals(1.0, Auroc.compute(new double[] {1, 2, 3, 4}, positive));
        assertEquals(0.0, Auroc.compute(new double[] {4, 3, 2, 1}, positive));
        assertEquals(0.5, Auroc.compute(new double[] {7, 7, 7, 7}, positive));
    }

    @Test
    void randomScoresGiveAboutOneHalf() {
        Random rng = new Random(1);
        int n = 20_000;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = rng.nextDouble();
            positive[i] = rng.nextInt(5) == 0;
        }
        assertEquals(0.5, Auroc.compute(scores, positive), 0.02);
    }

    @Test
    void agreesWithPairCountingOnTiedData() {
        Random rng = new Random(3);
        int n = 300;
        double[] scores = new double[n];
        float[] floats = new float[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            // few distinct values, so ties are everywhere; positives score a bit higher
            positive[i] = rng.nextBoolean();
            scores[i] = rng.nextInt(8) + (positive[i] ? 2 : 0);
            floats[i] = (float) scores[i];
        }
        double wins = 0;
        int pairs = 0;
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                if (positive[p] && !positive[q]) {
                    pairs++;
                    wins += scores[p] > scores[q] ? 1 : scores[p] == scores[q] ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, Auroc.compute(scores, positive), 1e-12);
        assertEquals(wins / pairs, Auroc.compute(floats, positive), 1e-12);
    }

    @Test
    void listOverloadPoolsAllArrays() {
        List<float[]> maps = List.of(new float[] {0.1f, 0.9f}, new float[] {0.4f, 0.3f});
        List<boolean[]> masks = List.of(new boolean[] {false, true}, new boolean[] {true, false});
        // positives 0.9 and 0.4 against negatives 0.1 and 0.3: all four pairs won
        assertEquals(1.0, Auroc.compute(maps, masks));
    }

    @Test
    void rejectsOneClassMismatchedLengthsAndNaN() {
        var oneClass = assertThrows(IllegalArgumentException.class,
                () -> Auroc.compute(new double[] {1, 2}, new boolean[] {true, true}));
        assertEquals("AUROC needs both positive and negative items, got 2 positive and 0 negative", oneClass.getMessage());
        var lengths = assertThrows(IllegalArgumentException.class,
                () -> Auroc.compute(new double[] {1, 2, 3}, new boolean[] {true, false}));
        assertEquals("score array 0 has 3 values but its labels have 2", lengths.getMessage());
        var nan = assertThrows(IllegalArgumentException.class,
                () -> Auroc.compute(new float[] {1, Float.NaN}, new boolean[] {true, false}));
        assertEquals("score 1 of array 0 is NaN", nan.getMessage());
    }
}

package io.stereotype.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class F1MaxTest {

    @Test
    void smallExample() {
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5};
        boolean[] positive = {true, false, true, true, false};
        // F1 = 2TP / (TP + FP + P) with P = 3, for thresholds 0.9 .. 0.5:
        // 2/4 = 0.5, 2/5 = 0.4, 4/6 = 0.667, 6/7 = 0.857, 6/8 = 0.75
        F1Max best = F1Max.compute(scores, positive);
        assertEquals(6.0 / 7, best.f1(), 1e-12);
        assertEquals(0.6, best.threshold());
    }

    @Test
    void tiedScoresAreCutTogether() {
        double[] scores = {0.5, 0.5, 0.2, 0.2};
        boolean[] positive = {true, false, true, false};
        // threshold 0.5: TP 1, FP 1 -> 2/(1+1+2) = 0.5; threshold 0.2: TP 2, FP 2 -> 4/6
        F1Max best = F1Max.compute(scores, positive);
        assertEquals(4.0 / 6, best.f1(), 1e-12);
        assertEquals(0.2, best.threshold());
    }

    @Test
    void perfectSeparationPicksTheLowestPositiveScore() {
        F1Max best = F1Max.compute(new double[] {0.1, 0.2, 0.7, 0.9}, new boolean[] {false, false, true, true});
        assertEquals(1.0, best.f1());
        assertEquals(0.7, best.threshold());
    }

    @Test
    void needsAPositive() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> F1Max.compute(new double[] {1, 2}, new boolean[] {false, false}));
        assertEquals("F1 needs at least one positive item, got none among 2", error.getMessage());
    }
}

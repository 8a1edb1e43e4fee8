package io.stereotype.core.metrics;

import java.util.List;

/**
 * Area under the ROC curve, computed exactly as the Mann-Whitney statistic: the probability that
 * a random positive scores higher than a random negative, ties counting one half (the same as
 * average ranks, and as the trapezoidal ROC area).
 */
public final class Auroc {

    private Auroc() {
    }

    /** @throws IllegalArgumentException if the lengths differ, a score is NaN, or only one class is present */
    public static double compute(double[] scores, boolean[] positive) {
        return of(LabelledScores.of(scores, positive));
    }

    /** Pixel-scale variant: same result as the double version, without boxing. */
    public static double compute(float[] scores, boolean[] positive) {
        return compute(List.of(scores), List.of(positive));
    }

    /** Over all values of several arrays (e.g. the anomaly maps and masks of all test images). */
    public static double compute(List<float[]> scores, List<boolean[]> positive) {
        return of(LabelledScores.of(scores, positive));
    }

    private static double of(LabelledScores s) {
        s.requireBothClasses("AUROC");
        double[] neg = s.negatives;
        int below = 0;
        int belowOrEqual = 0;
        double wins = 0;
        // positives ascend, so both counts of lower negatives only ever grow
        for (double p : s.positives) {
            while (below < neg.length && neg[below] < p) {
                below++;
            }
            belowOrEqual = Math.max(belowOrEqual, below);
            while (belowOrEqual < neg.length && neg[belowOrEqual] <= p) {
                belowOrEqual++;
            }
            wins += below + 0.5 * (belowOrEqual - below);
        }
        return wins / ((double) s.positives.length * neg.length);
    }
}

package io.stereotype.core.metrics;

/**
 * The best F1 score over all thresholds, and that threshold.
 *
 * @param f1        the maximum F1
 * @param threshold items with {@code score >= threshold} are predicted positive; the highest such
 *                  threshold when several give the same F1
 */
public record F1Max(double f1, double threshold) {

    /** @throws IllegalArgumentException if the lengths differ, a score is NaN, or there is no positive */
    public static F1Max compute(double[] scores, boolean[] positive) {
        LabelledScores s = LabelledScores.of(scores, positive);
        if (s.positives.length == 0) {
            throw new IllegalArgumentException("F1 needs at least one positive item, got none among " + scores.length);
        }
        double[] pos = s.positives;
        double[] neg = s.negatives;
        int p = pos.length - 1;
        int n = neg.length - 1;
        double best = -1;
        double bestThreshold = Double.NaN;
        // lower the threshold through every distinct score, from the highest
        while (p >= 0) {
            double threshold = n >= 0 ? Math.max(pos[p], neg[n]) : pos[p];
            while (p >= 0 && pos[p] >= threshold) {
                p--;
            }
            while (n >= 0 && neg[n] >= threshold) {
                n--;
            }
            int truePositives = pos.length - 1 - p;
            int falsePositives = neg.length - 1 - n;
            double f1 = 2.0 * truePositives / (truePositives + falsePositives + pos.length);
            if (f1 > best) {
                best = f1;
                bestThreshold = threshold;
            }
        }
        return new F1Max(best, bestThreshold);
    }
}

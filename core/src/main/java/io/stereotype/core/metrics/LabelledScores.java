package io.stereotype.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores split by label into two sorted primitive arrays. Sorting primitives (no boxing, no index
 * permutation) keeps tens of millions of pixel scores cheap in time and memory.
 */
final class LabelledScores {

    /** Ascending scores of the positive (anomalous) items. */
    final double[] positives;
    /** Ascending scores of the negative (normal) items. */
    final double[] negatives;

    private LabelledScores(double[] positives, double[] negatives) {
        this.positives = positives;
        this.negatives = negatives;
    }

    /** Read access to one array of scores, whatever its primitive type. */
    private interface Part {
        int length();

        double at(int i);
    }

    static LabelledScores of(double[] scores, boolean[] labels) {
        return split(List.of(new Part() {
            public int length() {
                return scores.length;
            }

            public double at(int i) {
                return scores[i];
            }
        }), List.of(labels));
    }

    static LabelledScores of(List<float[]> scores, List<boolean[]> labels) {
        List<Part> parts = new ArrayList<>(scores.size());
        for (float[] s : scores) {
            parts.add(new Part() {
                public int length() {
                    return s.length;
                }

                public double at(int i) {
                    return s[i];
                }
            });
        }
        return split(parts, labels);
    }

    /** @throws IllegalArgumentException if the number of score arrays or of their values differs from the labels', or a score is NaN */
    private static LabelledScores split(List<Part> parts, List<boolean[]> labels) {
        if (parts.size() != labels.size()) {
            throw new IllegalArgumentException(parts.size() + " score arrays but " + labels.size() + " label arrays");
        }
        long positiveCount = 0;
        long total = 0;
        for (int k = 0; k < parts.size(); k++) {
            if (parts.get(k).length() != labels.get(k).length) {
                throw new IllegalArgumentException("score array " + k + " has " + parts.get(k).length()
                        + " values but its labels have " + labels.get(k).length);
            }
            for (boolean label : labels.get(k)) {
                positiveCount += label ? 1 : 0;
            }
            total += labels.get(k).length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many scores for one array: " + total);
        }
        double[] positives = new double[(int) positiveCount];
        double[] negatives = new double[(int) (total - positiveCount)];
        int p = 0;
        int n = 0;
        for (int k = 0; k < parts.size(); k++) {
            Part part = parts.get(k);
            boolean[] label = labels.get(k);
            for (int i = 0; i < label.length; i++) {
                double score = part.at(i);
                if (Double.isNaN(score)) {
                    throw new IllegalArgumentException("score " + i + " of array " + k + " is NaN");
                }
                if (label[i]) {
                    positives[p++] = score;
                } else {
                    negatives[n++] = score;
                }
            }
        }
        Arrays.sort(positives);
        Arrays.sort(negatives);
        return new LabelledScores(positives, negatives);
    }

    /** @throws IllegalArgumentException if either class is empty */
    void requireBothClasses(String metric) {
        if (positives.length == 0 || negatives.length == 0) {
            throw new IllegalArgumentException(metric + " needs both positive and negative items, got "
                    + positives.length + " positive and " + negatives.length + " negative");
        }
    }
}

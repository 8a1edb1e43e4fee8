package io.stereotype.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The ROC curve of image scores: one point per distinct score, lowering the threshold from above
 * the highest score (0, 0) down to the lowest (1, 1); tied scores move both rates at once, so the
 * trapezoidal area under these points equals the AUROC of {@code io.stereotype.core.metrics.Auroc}.
 */
record RocCurve(double[] falsePositiveRates, double[] truePositiveRates) {

    /** @throws IllegalArgumentException if the lengths differ or a class is missing */
    static RocCurve of(double[] scores, boolean[] anomalous) {
        if (scores.length != anomalous.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + anomalous.length + " labels");
        }
        int positives = 0;
        for (boolean a : anomalous) {
            positives += a ? 1 : 0;
        }
        int negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("a ROC curve needs normal and anomalous images, got "
                    + negatives + " normal and " + positives + " anomalous");
        }
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        int truePositives = 0;
        int falsePositives = 0;
        for (int k = 0; k < order.length; k++) {
            if (anomalous[order[k]]) {
                truePositives++;
            } else {
                falsePositives++;
            }
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie) {
                points.add(new double[] {(double) falsePositives / negatives, (double) truePositives / positives});
            }
        }
        return new RocCurve(points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
    }
}

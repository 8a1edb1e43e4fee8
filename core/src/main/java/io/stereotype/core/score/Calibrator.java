package io.stereotype.core.score;

import io.stereotype.core.model.ScoreCalibration;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.model.BiasTerm;
import io.stereotype.core.model.ModelDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Calibrates a trained tree on held-out normal images: the mean and deviation of each bias term
 * over all their positions (for standardising terms before summing), and the image-score threshold
 * mean + 3 standard deviations of their image scores.
 */
public final class Calibrator {
    /** Deviations above the normal mean at which an image is labelled anomalous. */
    static final double THRESHOLD_DEVIATIONS = 3.0;

    private Calibrator() {
    }

    public static ScoreCalibration calibrate(TreeScorer scorer, List<FloatImage> validation, ModelDescription.Scoring scoring) {
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one normal validation image");
        }
        List<BiasTerms> terms = new ArrayList<>();
        for (FloatImage image : validation) {
            terms.add(scorer.terms(image));
        }
        double[] mean = new double[BiasTerm.values().length];
        double[] std = new double[BiasTerm.values().length];
        for (BiasTerm t : BiasTerm.values()) {
            double sum = 0, sumSquares = 0;
            long n = 0;
            for (BiasTerms term : terms) {
                for (float v : term.get(t)) {
                    sum += v;
                    sumSquares += (double) v * v;
                    n++;
                }
            }
            double m = sum / n;
            mean[t.ordinal()] = m;
            // a term that never varies on normal data (e.g. peer bias of identical students) must not divide by zero
            std[t.ordinal()] = Math.max(1e-6, Math.sqrt(Math.max(0, sumSquares / n - m * m)));
        }
        ScoreCalibration uncalibrated = new ScoreCalibration(scoring.standardizeTerms(), mean, std, Double.NaN);
        double[] scores = new double[validation.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scorer.pixelMap(terms.get(i).total(uncalibrated), terms.get(i), validation.get(i),
                    scoring.smoothingSigma()).max();
        }
        return uncalibrated.withThreshold(threshold(scores));
    }

    private static double threshold(double[] scores) {
        double mean = java.util.Arrays.stream(scores).average().orElseThrow();
        double variance = java.util.Arrays.stream(scores).map(s -> (s - mean) * (s - mean)).sum() / scores.length;
        return mean + THRESHOLD_DEVIATIONS * Math.sqrt(variance);
    }
}

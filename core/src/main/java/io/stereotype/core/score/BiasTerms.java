package io.stereotype.core.score;

import io.stereotype.core.model.BiasTerm;
import io.stereotype.core.model.ScoreCalibration;

/**
 * The three anomaly-score terms of the paper at every position of a descriptor grid: inference bias
 * (Eq. 7), delivery bias (Eq. 8) and peer bias (Eq. 9), each row-major {@code width x height}.
 */
public record BiasTerms(int width, int height, float[] inference, float[] delivery, float[] peer) {

    public float[] get(BiasTerm term) {
        return switch (term) {
            case INFERENCE -> inference;
            case DELIVERY -> delivery;
            case PEER -> peer;
        };
    }

    /** One term as it enters the total under {@code calibration}. */
    public float[] calibrated(BiasTerm term, ScoreCalibration calibration) {
        return calibration.calibrated(term, get(term));
    }

    /** The total score grid of Eq. 10: the sum of the three (calibrated) terms. */
    public float[] total(ScoreCalibration calibration) {
        float[] total = new float[width * height];
        for (BiasTerm term : BiasTerm.values()) {
            float[] values = calibrated(term, calibration);
            for (int p = 0; p < total.length; p++) {
                total[p] += values[p];
            }
        }
        return total;
    }
}

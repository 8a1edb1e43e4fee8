package io.stereotype.core.model;

/**
 * How the bias terms are combined into the total score (Eq. 10) and where the decision threshold
 * lies. With {@code standardize}, each term is first standardised with its mean and deviation over
 * all positions of the normal validation images, so that no term dominates by scale alone.
 *
 * @param mean      per term, indexed by {@link BiasTerm#ordinal()}
 * @param std       per term, indexed by {@link BiasTerm#ordinal()}
 * @param threshold image score above which an image is labelled anomalous
 */
public record ScoreCalibration(boolean standardize, double[] mean, double[] std, double threshold) {

    public ScoreCalibration {
        if (mean.length != BiasTerm.values().length || std.length != BiasTerm.values().length) {
            throw new IllegalArgumentException("a calibration holds one mean and deviation per bias term ("
                    + BiasTerm.values().length + "), got " + mean.length + " and " + std.length);
        }
    }

    /** One term's grid as it enters the total: standardised, or raw as in Eq. 10. */
    public float[] calibrated(BiasTerm term, float[] values) {
        if (!standardize) {
            return values;
        }
        double m = mean[term.ordinal()];
        double s = std[term.ordinal()];
        float[] out = new float[values.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = (float) ((values[p] - m) / s);
        }
        return out;
    }

    public ScoreCalibration withThreshold(double newThreshold) {
        return new ScoreCalibration(standardize, mean, std, newThreshold);
    }
}

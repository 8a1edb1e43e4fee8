package io.stereotype.core.score;

/**
 * How the bias terms are combined into the total score (Eq. 10) and where the decision threshold
 * lies. With {@code standardize}, each term is first standardised with its mean and deviation over
 * all positions of the normal validation images, so that no term dominates by scale alone.
 *
 * @param threshold image score above which an image is labelled anomalous
 */
public record ScoreCalibration(boolean standardize, double[] mean, double[] std, double threshold) {

    /** Term {@code index} as it enters the total: standardised, or raw as in Eq. 10. */
    public float[] term(BiasTerms terms, int index) {
        float[] term = terms.term(index);
        if (!standardize) {
            return term;
        }
        float[] out = new float[term.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = (float) ((term[p] - mean[index]) / std[index]);
        }
        return out;
    }

    /** The total score grid of Eq. 10: the sum of the three terms. */
    public float[] total(BiasTerms terms) {
        float[] total = new float[terms.width() * terms.height()];
        for (int t = 0; t < BiasTerms.NAMES.length; t++) {
            float[] term = term(terms, t);
            for (int p = 0; p < total.length; p++) {
                total[p] += term[p];
            }
        }
        return total;
    }

    public ScoreCalibration withThreshold(double newThreshold) {
        return new ScoreCalibration(standardize, mean, std, newThreshold);
    }
}

package io.stereotype.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LossesTest {
    // three 3-d descriptors; see the hand computation in each test
    private static final float[] EXAMPLE = {1, 2, 3, 3, 2, 1, 1, 3, 2};

    @Test
    void descriptorPairCompactnessMatchesHandComputation() {
        // centred rows: (-1,0,1), (1,0,-1), (-1,1,0); pair correlations -1, 1/2, -1/2;
        // squared and averaged over the 3 pairs: (1 + 1/4 + 1/4) / 3 = 0.5
        try (GraphEvaluator lp = new GraphEvaluator((tf, x) -> Losses.compactness(tf, x, CompactnessMode.DESCRIPTOR_PAIRS))) {
            assertEquals(0.5, lp.value(EXAMPLE, 3, 3), 1e-5);
        }
    }

    @Test
    void dimensionCompactnessMatchesHandComputation() {
        // columns (1,3,1), (2,2,3), (3,1,2): correlations r12 = -1/2, r13 = -sqrt(3)/2, r23 = 0;
        // mean of squares over the 6 ordered pairs = 1/3; bias-corrected for n = 3: (2 * 1/3 - 1) / 1 = -1/3
        try (GraphEvaluator lp = new GraphEvaluator((tf, x) -> Losses.compactness(tf, x, CompactnessMode.DIMENSIONS))) {
            assertEquals(-1.0 / 3, lp.value(EXAMPLE, 3, 3), 1e-5);
        }
    }

    @Test
    void regressionIsMeanSquaredError() {
        try (GraphEvaluator ld = new GraphEvaluator((tf, x) -> Losses.regression(tf, x, tf.zerosLike(x)))) {
            // (1+4+9+9+4+1+1+9+4) / 9
            assertEquals(42.0 / 9, ld.value(EXAMPLE, 3, 3), 1e-5);
        }
    }

    @ParameterizedTest
    @EnumSource(CompactnessMode.class)
    void expectationDoesNotDependOnBatchSize(CompactnessMode mode) {
        int d = 16;
        int samples = 128 * 60;
        float[] data = correlatedDescriptors(samples, d, new Random(3));
        try (GraphEvaluator lp = new GraphEvaluator((tf, x) -> Losses.compactness(tf, x, mode))) {
            double small = meanOverBatches(lp, data, samples, d, 16);
            double large = meanOverBatches(lp, data, samples, d, 128);
            // pairs: exactly unbiased; dimensions: the correction is exact at zero correlation, first-order otherwise
            double tolerance = mode == CompactnessMode.DESCRIPTOR_PAIRS ? 0.03 : 0.10;
            assertTrue(Math.abs(small - large) < tolerance * Math.abs(large),
                    mode + ": batch 16 gives " + small + ", batch 128 gives " + large);
        }
    }

    @ParameterizedTest
    @EnumSource(CompactnessMode.class)
    void compactnessGradientMatchesFiniteDifferences(CompactnessMode mode) {
        checkGradient(new GraphEvaluator((tf, x) -> Losses.compactness(tf, x, mode)), 6, 5);
    }

    @Test
    void regressionGradientMatchesFiniteDifferences() {
        checkGradient(new GraphEvaluator((tf, x) -> Losses.regression(tf, x, tf.math.mul(x, tf.constant(0.5f)))), 4, 3);
        checkGradient(new GraphEvaluator((tf, x) -> Losses.regression(tf, tf.math.square(x), tf.constant(1f))), 4, 3);
    }

    private static void checkGradient(GraphEvaluator f, int n, int d) {
        try (f) {
            float[] x = correlatedDescriptors(n, d, new Random(11));
            float[] analytic = f.gradient(x, n, d);
            for (int i = 0; i < x.length; i++) {
                float h = 1e-2f;
                float[] plus = x.clone();
                float[] minus = x.clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric = (f.value(plus, n, d) - (double) f.value(minus, n, d)) / (2 * h);
                assertEquals(numeric, analytic[i], 0.02 * Math.abs(numeric) + 2e-3, "d loss / d x[" + i + "]");
            }
        }
    }

    private static double meanOverBatches(GraphEvaluator lp, float[] data, int samples, int d, int batch) {
        double sum = 0;
        int batches = samples / batch;
        for (int b = 0; b < batches; b++) {
            float[] x = java.util.Arrays.copyOfRange(data, b * batch * d, (b + 1) * batch * d);
            sum += lp.value(x, batch, d);
        }
        return sum / batches;
    }

    /** Rows x = z A + noise: dimensions and descriptors are both correlated. */
    private static float[] correlatedDescriptors(int n, int d, Random random) {
        float[][] mix = new float[4][d];
        for (float[] row : mix) {
            for (int k = 0; k < d; k++) {
                row[k] = (float) random.nextGaussian();
            }
        }
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            double[] z = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
            for (int k = 0; k < d; k++) {
                double v = 0.5 * random.nextGaussian() + 0.3;
                for (int j = 0; j < 4; j++) {
                    v += z[j] * mix[j][k];
                }
                out[i * d + k] = (float) v;
            }
        }
        return out;
    }
}

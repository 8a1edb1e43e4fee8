package io.stereotype.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DescriptorMomentsTest {

    @Test
    void theStatisticsAreThoseOfTheJoinedRows() {
        float[] a = gaussianRows(300, 5, new Random(1));
        float[] b = gaussianRows(200, 5, new Random(2));
        float[] joined = new float[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        DescriptorStatistics expected = DescriptorStatistics.of(joined, 500, 5);
        DescriptorStatistics measured = DescriptorMoments.of(List.of(a, b), 5).statistics();
        assertArrayEquals(expected.mean(), measured.mean(), 1e-6f);
        assertArrayEquals(expected.std(), measured.std(), 1e-6f);
    }

    @Test
    void independentDimensionsLeaveAllButRankOfThemOutside() {
        // after standardisation every dimension has variance 1 and none predicts another
        DescriptorMoments moments = DescriptorMoments.of(List.of(gaussianRows(40_000, 6, new Random(3))), 6);
        assertEquals(4.0 / 6, moments.regressionFloor(2), 0.02);
        assertEquals(5.0 / 6, moments.regressionFloor(1), 0.02);
        assertEquals(0, moments.regressionFloor(6));
        assertEquals(0, moments.regressionFloor(10));
    }

    @Test
    void descriptorsThatAreLinearInTwoValuesHaveNoFloorAtRankTwo() {
        Random random = new Random(4);
        int rows = 5_000;
        float[] descriptors = new float[rows * 5];
        for (int i = 0; i < rows; i++) {
            double u = random.nextGaussian();
            double v = random.nextGaussian();
            double[] row = {u, v, u + v, 3 * u - v, 7 + 0.5 * v};
            for (int d = 0; d < 5; d++) {
                descriptors[i * 5 + d] = (float) row[d];
            }
        }
        DescriptorMoments moments = DescriptorMoments.of(List.of(descriptors), 5);
        assertEquals(0, moments.regressionFloor(2), 1e-5);
        // standardised, the rows are A (u, v) with unit rows a_i of A; A^T A = [[2.4, 0.2], [0.2, 2.6]], whose smaller
        // eigenvalue 2.5 - sqrt(0.05), over the 5 dimensions, is what one direction leaves
        assertEquals((2.5 - Math.sqrt(0.05)) / 5, moments.regressionFloor(1), 0.02);
    }

    @Test
    void theFloorAtRankOneIsTheBestSingleDirectionFoundBySearch() {
        // correlated 3-dimensional descriptors with unequal scales
        Random random = new Random(5);
        int rows = 4_000;
        float[] descriptors = new float[rows * 3];
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            descriptors[i * 3] = (float) (2 * a + 0.3 * c);
            descriptors[i * 3 + 1] = (float) (0.5 * a + b);
            descriptors[i * 3 + 2] = (float) (10 * (b - a + 0.8 * c));
        }
        DescriptorMoments moments = DescriptorMoments.of(List.of(descriptors), 3);
        DescriptorStatistics statistics = moments.statistics();
        float[] standardised = statistics.standardise(descriptors);
        // the mean squared residual of the best projection onto one line through the mean, over a grid of directions
        double best = Double.MAX_VALUE;
        for (int t = 0; t < 360; t++) {
            for (int p = 0; p <= 180; p++) {
                double theta = Math.toRadians(t);
                double phi = Math.toRadians(p);
                double[] u = {Math.sin(phi) * Math.cos(theta), Math.sin(phi) * Math.sin(theta), Math.cos(phi)};
                double residual = 0;
                for (int i = 0; i < rows; i++) {
                    double dot = 0;
                    double norm = 0;
                    for (int d = 0; d < 3; d++) {
                        dot += standardised[i * 3 + d] * u[d];
                        norm += standardised[i * 3 + d] * standardised[i * 3 + d];
                    }
                    residual += norm - dot * dot;
                }
                best = Math.min(best, residual / (rows * 3.0));
            }
        }
        assertEquals(best, moments.regressionFloor(1), 1e-3);
    }

    @Test
    void rowsMustMatchTheDimensionAndThereMustBeSome() {
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> DescriptorMoments.of(List.of(new float[7]), 3));
        assertEquals("an array of 7 values is not made of rows of 3", ragged.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DescriptorMoments.of(List.of(), 3));
    }

    @Test
    void jacobiRotationsFindTheEigenvalues() {
        double[] twoByTwo = SymmetricEigenvalues.of(new double[][] {{2, 1}, {1, 2}});
        Arrays.sort(twoByTwo);
        assertArrayEquals(new double[] {1, 3}, twoByTwo, 1e-12);
        // Q diag(5, -1, 0.5) Q^T for a rotation Q: its eigenvalues whatever the basis
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[][] q = {{c, -s, 0}, {s * 0.6, c * 0.6, -0.8}, {s * 0.8, c * 0.8, 0.6}};
        double[] lambda = {5, -1, 0.5};
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    m[i][j] += q[i][k] * lambda[k] * q[j][k];
                }
            }
        }
        double[] found = SymmetricEigenvalues.of(m);
        Arrays.sort(found);
        assertArrayEquals(new double[] {-1, 0.5, 5}, found, 1e-10);
    }

    private static float[] gaussianRows(int rows, int dim, Random random) {
        float[] out = new float[rows * dim];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (random.nextGaussian() * (1 + i % dim) + i % dim);
        }
        return out;
    }
}

package io.stereotype.core.model;

import java.util.Arrays;
import java.util.List;

/**
 * First and second moments of a teacher's descriptors: their per-dimension statistics, and how far
 * a student whose descriptors lie in an affine subspace of a given dimension can come to them.
 *
 * <p>A Table 1 student ends in a 4-channel bottleneck mapped linearly to the teacher's dimension, so
 * whatever it computes, its descriptors lie in a 4-dimensional affine subspace. Its standardised
 * regression loss (the mean over dimensions of the squared error in units of each dimension's
 * deviation) can then not go below the variance of the standardised descriptors outside their 4
 * leading principal components, divided by the dimension (Eckart-Young): {@link #regressionFloor}.
 * That floor is 0 for a teacher of the student's own family and 0.6-0.76 for the pretrained doctor on
 * textures (docs/algorithm.md, "What the masters learn").
 */
public final class DescriptorMoments {
    private final int dim;
    private final long count;
    private final double[] sum;
    /** Lower triangle of the sums of products, row-major: element (d, e), e <= d, at d (d + 1) / 2 + e. */
    private final double[] products;

    private DescriptorMoments(int dim, long count, double[] sum, double[] products) {
        this.dim = dim;
        this.count = count;
        this.sum = sum;
        this.products = products;
    }

    /** The moments of every descriptor of several arrays of rows of {@code dim} values. */
    public static DescriptorMoments of(List<float[]> parts, int dim) {
        double[] sum = new double[dim];
        double[] products = new double[dim * (dim + 1) / 2];
        long count = 0;
        double[] row = new double[dim];
        for (float[] part : parts) {
            if (part.length % dim != 0) {
                throw new IllegalArgumentException("an array of " + part.length + " values is not made of rows of " + dim);
            }
            for (int at = 0; at < part.length; at += dim) {
                for (int d = 0; d < dim; d++) {
                    row[d] = part[at + d];
                    sum[d] += row[d];
                }
                for (int d = 0; d < dim; d++) {
                    addScaled(products, d * (d + 1) / 2, row[d], row, d + 1);
                }
            }
            count += part.length / dim;
        }
        if (count == 0) {
            throw new IllegalArgumentException("no descriptors to measure");
        }
        return new DescriptorMoments(dim, count, sum, products);
    }

    /** Per-dimension mean and deviation. */
    public DescriptorStatistics statistics() {
        double[] squares = new double[dim];
        for (int d = 0; d < dim; d++) {
            squares[d] = products[d * (d + 1) / 2 + d];
        }
        return DescriptorStatistics.of(sum, squares, count);
    }

    /**
     * The lowest standardised regression loss (1 = predicting the mean) that descriptors confined to an
     * affine subspace of dimension {@code rank} can reach against these: the eigenvalues of the
     * standardised descriptors' covariance beyond the {@code rank} largest, summed, over the dimension.
     */
    public double regressionFloor(int rank) {
        if (rank >= dim) {
            return 0;
        }
        float[] std = statistics().std();
        double[][] correlation = new double[dim][dim];
        for (int d = 0; d < dim; d++) {
            for (int e = 0; e <= d; e++) {
                double c = covariance(d, e) / ((double) std[d] * std[e]);
                correlation[d][e] = c;
                correlation[e][d] = c;
            }
        }
        double[] eigenvalues = SymmetricEigenvalues.of(correlation);
        Arrays.sort(eigenvalues);
        double outside = 0;
        for (int k = 0; k < dim - rank; k++) {
            outside += Math.max(0, eigenvalues[k]);
        }
        return outside / dim;
    }

    /**
     * {@code into[offset + e] += factor * row[e]} for e below {@code length}: a loop of its own, which the JIT
     * compiles to vector code; written inline in the loop over rows it was not (docs/results.md: 6.3 s instead of
     * 2.3 s for the default 72 maps).
     */
    private static void addScaled(double[] into, int offset, double factor, double[] row, int length) {
        for (int e = 0; e < length; e++) {
            into[offset + e] += factor * row[e];
        }
    }

    private double covariance(int d, int e) {
        int high = Math.max(d, e);
        int low = Math.min(d, e);
        return products[high * (high + 1) / 2 + low] / count - (sum[d] / count) * (sum[e] / count);
    }
}

package io.stereotype.core.model;

/**
 * Per-dimension mean and standard deviation of a network's descriptors on normal training patches.
 * Students regress their teacher's descriptors standardised with these, and scoring standardises
 * teacher outputs the same way.
 */
public record DescriptorStatistics(float[] mean, float[] std) {
    /** Floor for deviations, so that a dead descriptor dimension cannot blow up the standardisation. */
    static final float MIN_STD = 1e-4f;

    public DescriptorStatistics {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " dimensions, std " + std.length);
        }
    }

    /** Statistics of {@code count} descriptors laid out as rows of {@code dim} values. */
    public static DescriptorStatistics of(float[] descriptors, int count, int dim) {
        Accumulator sums = new Accumulator(dim);
        sums.add(descriptors, count);
        return sums.statistics();
    }

    /** Running per-dimension sums of rows of values (descriptors, or pixels of interleaved channels). */
    public static final class Accumulator {
        private final double[] sum;
        private final double[] sumSquares;
        private long count;

        public Accumulator(int dim) {
            sum = new double[dim];
            sumSquares = new double[dim];
        }

        /** Adds the first {@code rows} rows of {@code descriptors}. */
        public void add(float[] descriptors, int rows) {
            int dim = sum.length;
            for (int i = 0; i < rows; i++) {
                for (int k = 0; k < dim; k++) {
                    double v = descriptors[i * dim + k];
                    sum[k] += v;
                    sumSquares[k] += v * v;
                }
            }
            count += rows;
        }

        public DescriptorStatistics statistics() {
            return DescriptorStatistics.of(sum, sumSquares, count);
        }
    }

    /** Statistics from per-dimension sums and sums of squares of {@code count} rows. */
    static DescriptorStatistics of(double[] sum, double[] sumSquares, long count) {
        int dim = sum.length;
        float[] mean = new float[dim];
        float[] std = new float[dim];
        for (int k = 0; k < dim; k++) {
            double m = sum[k] / count;
            mean[k] = (float) m;
            std[k] = (float) Math.max(MIN_STD, Math.sqrt(Math.max(0, sumSquares[k] / count - m * m)));
        }
        return new DescriptorStatistics(mean, std);
    }

    /** Mean 0 and deviation 1 in every dimension: standardising with it changes nothing. */
    public static DescriptorStatistics unit(int dim) {
        float[] std = new float[dim];
        java.util.Arrays.fill(std, 1f);
        return new DescriptorStatistics(new float[dim], std);
    }

    public int dimension() {
        return mean.length;
    }

    /** Descriptors laid out as rows of {@link #dimension()} values, each dimension standardised. */
    public float[] standardise(float[] descriptors) {
        int dim = dimension();
        float[] out = new float[descriptors.length];
        for (int i = 0; i < descriptors.length; i++) {
            int k = i % dim;
            out[i] = (descriptors[i] - mean[k]) / std[k];
        }
        return out;
    }
}

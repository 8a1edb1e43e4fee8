package io.stereotype.core.train;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/** The training losses of the paper as graph operations on [n, d] descriptor batches. */
public final class Losses {
    private static final float EPSILON = 1e-6f;

    private Losses() {
    }

    /**
     * Eq. 4, the regression error ||M(I) - D(I)||^2, averaged over the batch and divided by the
     * descriptor size so that its scale does not depend on d (mu then weighs comparable terms).
     */
    public static Operand<TFloat32> regression(Ops tf, Operand<TFloat32> predicted, Operand<TFloat32> target) {
        return tf.math.mean(tf.math.squaredDifference(predicted, target), tf.constant(new int[] {0, 1}));
    }

    /** Eq. 2 and 5, the descriptor-compactness term L_p in one of its two readings. */
    public static Operand<TFloat32> compactness(Ops tf, Operand<TFloat32> descriptors, CompactnessMode mode) {
        return switch (mode) {
            case DESCRIPTOR_PAIRS -> descriptorPairCorrelation(tf, descriptors);
            case DIMENSIONS -> dimensionCorrelation(tf, descriptors);
        };
    }

    /** Eq. 6, mu * L_d + (1 - mu) * L_p. */
    public static Operand<TFloat32> mixed(Ops tf, Operand<TFloat32> regression, Operand<TFloat32> compactness, float mu) {
        return tf.math.add(tf.math.mul(regression, tf.constant(mu)), tf.math.mul(compactness, tf.constant(1f - mu)));
    }

    /** Mean squared correlation over the n(n-1)/2 descriptor pairs of the batch. */
    private static Operand<TFloat32> descriptorPairCorrelation(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> z = unitCentred(tf, x, 1);
        Operand<TFloat32> r = tf.linalg.matMul(z, z, MatMul.transposeB(true));
        Operand<TFloat32> n = batchSize(tf, x);
        return tf.math.div(offDiagonalSquares(tf, r, z, 1), tf.math.mul(n, tf.math.sub(n, tf.constant(1f))));
    }

    /** Mean squared correlation between the d(d-1) ordered pairs of dimensions, bias-corrected for n. */
    private static Operand<TFloat32> dimensionCorrelation(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> z = unitCentred(tf, x, 0);
        Operand<TFloat32> r = tf.linalg.matMul(z, z, MatMul.transposeA(true));
        Operand<TFloat32> d = tf.dtypes.cast(tf.shape.size(tf.shape(x), tf.constant(1)), TFloat32.class);
        Operand<TFloat32> meanSquare = tf.math.div(offDiagonalSquares(tf, r, z, 0), tf.math.mul(d, tf.math.sub(d, tf.constant(1f))));
        Operand<TFloat32> n = batchSize(tf, x);
        Operand<TFloat32> nMinusOne = tf.math.sub(n, tf.constant(1f));
        return tf.math.div(tf.math.sub(tf.math.mul(nMinusOne, meanSquare), tf.constant(1f)), tf.math.sub(n, tf.constant(2f)));
    }

    /** Centres x along an axis and scales each vector along it to unit length: dot products become correlations. */
    private static Operand<TFloat32> unitCentred(Ops tf, Operand<TFloat32> x, int axis) {
        Operand<TFloat32> centred = tf.math.sub(x, tf.math.mean(x, tf.constant(axis), Mean.keepDims(true)));
        Operand<TFloat32> norm = tf.math.sqrt(tf.math.add(
                tf.reduceSum(tf.math.square(centred), tf.constant(axis), ReduceSum.keepDims(true)), tf.constant(EPSILON)));
        return tf.math.div(centred, norm);
    }

    /** Sum of squared off-diagonal entries of a correlation matrix r built from the unit vectors z. */
    private static Operand<TFloat32> offDiagonalSquares(Ops tf, Operand<TFloat32> r, Operand<TFloat32> z, int axis) {
        Operand<TFloat32> all = tf.reduceSum(tf.math.square(r), tf.constant(new int[] {0, 1}));
        Operand<TFloat32> diagonal = tf.reduceSum(tf.math.square(
                tf.reduceSum(tf.math.square(z), tf.constant(axis))), tf.constant(0));
        return tf.math.sub(all, diagonal);
    }

    private static Operand<TFloat32> batchSize(Ops tf, Operand<TFloat32> x) {
        return tf.dtypes.cast(tf.shape.size(tf.shape(x), tf.constant(0)), TFloat32.class);
    }
}

package io.stereotype.core.train;

import io.stereotype.core.model.DescriptorStatistics;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A teacher's descriptors standardised per dimension in the graph, (x - mean) / std, the targets
 * students regress in patch and dense training alike. The graph counterpart of
 * {@link DescriptorStatistics#standardise(float[])}, kept here because core.model has no TensorFlow.
 */
public final class Standardisation {
    private Standardisation() {
    }

    /** Descriptors whose last axis has {@code statistics.dimension()} values, each dimension standardised. */
    public static Operand<TFloat32> standardise(Ops tf, Operand<TFloat32> descriptors, DescriptorStatistics statistics) {
        return tf.math.div(tf.math.sub(descriptors, tf.constant(statistics.mean())), tf.constant(statistics.std()));
    }
}

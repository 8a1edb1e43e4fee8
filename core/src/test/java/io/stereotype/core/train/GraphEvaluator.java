package io.stereotype.core.train;

import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Evaluates a scalar graph function of one [n, d] input, and its gradient, for loss tests. */
final class GraphEvaluator implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat32> value;
    private final Operand<?> gradient;

    GraphEvaluator(BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> function) {
        Ops tf = Ops.create(graph);
        input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        value = function.apply(tf, input);
        gradient = tf.gradients(value, java.util.List.of(input)).dy(0);
        session = new Session(graph);
    }

    float value(float[] x, int n, int d) {
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(n, d), DataBuffers.of(x));
             Result r = session.runner().feed(input, in).fetch(value).run()) {
            return ((TFloat32) r.get(0)).getFloat();
        }
    }

    float[] gradient(float[] x, int n, int d) {
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(n, d), DataBuffers.of(x));
             Result r = session.runner().feed(input, in).fetch(gradient).run()) {
            float[] out = new float[n * d];
            ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out));
            return out;
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}

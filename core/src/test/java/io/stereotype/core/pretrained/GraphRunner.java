package io.stereotype.core.pretrained;

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

/** Runs a graph function of one [N, H, W, C] image batch in TensorFlow Java and returns its output. */
final class GraphRunner implements AutoCloseable {
    /** An output tensor's values and shape. */
    record Output(float[] values, long[] shape) {
    }

    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat32> output;

    /** A graph whose input size is only known when it runs, as in an exported model. */
    GraphRunner(int channels, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> function) {
        this(Shape.of(-1, -1, -1, channels), function);
    }

    /** A graph whose input has (parts of) a static shape, as the training graphs' crops have. */
    GraphRunner(Shape inputShape, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> function) {
        Ops tf = Ops.create(graph);
        input = tf.placeholder(TFloat32.class, Placeholder.shape(inputShape));
        output = function.apply(tf, input);
        session = new Session(graph);
        session.initialize();
    }

    Output run(float[] images, long... shape) {
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(images));
             Result r = session.runner().feed(input, in).fetch(output).run()) {
            TFloat32 out = (TFloat32) r.get(0);
            float[] values = new float[(int) out.shape().size()];
            out.copyTo(DataBuffers.of(values));
            return new Output(values, out.shape().asArray());
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}

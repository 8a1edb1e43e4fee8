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

/**
 * The inference graph and session of the describers ({@link PatchDescriber}, {@link DenseDescriber},
 * {@link TeacherMaps}, the benchmarks): NHWC inputs of one size in, the descriptors a frozen network computes
 * from them out.
 */
public final class DescriberGraph implements AutoCloseable {
    private final int height;
    private final int width;
    private final int channels;
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat32> output;

    /** @param describe builds the descriptors of a [N, side, side, channels] input in the graph */
    public DescriberGraph(int side, int channels, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> describe) {
        this(side, side, channels, describe);
    }

    /** @param describe builds the descriptors of a [N, height, width, channels] input in the graph */
    public DescriberGraph(int height, int width, int channels, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> describe) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        Ops tf = Ops.create(graph);
        input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, height, width, channels)));
        output = describe.apply(tf, input);
        session = new Session(graph);
    }

    /** The output for {@code count} flat NHWC inputs, flat. */
    public float[] run(float[] inputs, int count) {
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(count, height, width, channels), DataBuffers.of(inputs));
             Result result = session.runner().feed(input, in).fetch(output).run()) {
            TFloat32 out = (TFloat32) result.get(0);
            float[] values = new float[(int) out.shape().size()];
            out.copyTo(DataBuffers.of(values));
            return values;
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}

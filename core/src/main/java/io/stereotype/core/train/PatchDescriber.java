package io.stereotype.core.train;

import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainedNetwork;

import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Runs a frozen network on batches of patches (descriptor statistics, checks and benchmarks). */
public final class PatchDescriber implements AutoCloseable {
    private final int patchSize;
    private final int channels;
    private final int dim;
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat32> output;

    public PatchDescriber(NetworkSpec spec, InputNormalization normalization, NetworkParameters parameters) {
        this(spec.patchSize(), spec.inputChannels(), Teacher.of(new TrainedNetwork(NetworkId.DOCTOR, spec, normalization,
                parameters, new DescriptorStatistics(new float[spec.descriptorDim()], new float[spec.descriptorDim()]))));
    }

    /** Runs any teacher's patch descriptors (its statistics are not used). */
    public PatchDescriber(int patchSize, int channels, Teacher network) {
        this.patchSize = patchSize;
        this.channels = channels;
        this.dim = network.descriptorDim();
        Ops tf = Ops.create(graph);
        input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, patchSize, patchSize, channels)));
        output = network.patchDescriptors(tf, input);
        session = new Session(graph);
    }

    /** Descriptors of {@code count} flat NHWC patches, as rows of descriptorDim values. */
    public float[] describe(float[] patches, int count) {
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(count, patchSize, patchSize, channels),
                DataBuffers.of(patches));
             Result result = session.runner().feed(input, in).fetch(output).run()) {
            TFloat32 out = (TFloat32) result.get(0);
            float[] values = new float[(int) out.shape().size()];
            out.copyTo(DataBuffers.of(values));
            return values;
        }
    }

    /** Mean and deviation of the descriptors of {@code count} random patches. */
    public DescriptorStatistics statistics(PatchSampler sampler, int count) {
                float[] all = new float[count * dim];
        for (int done = 0; done < count; ) {
            int n = Math.min(256, count - done);
            System.arraycopy(describe(sampler.sample(n), n), 0, all, done * dim, n * dim);
            done += n;
        }
        return DescriptorStatistics.of(all, count, dim);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}

package io.stereotype.core.train;

import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainedNetwork;

import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;

/** Runs a frozen network on batches of patches (descriptor statistics, checks and benchmarks). */
public final class PatchDescriber implements AutoCloseable {
    private final int dim;
    private final DescriberGraph graph;

    public PatchDescriber(NetworkSpec spec, InputNormalization normalization, NetworkParameters parameters) {
        this(spec.patchSize(), spec.inputChannels(), Teacher.of(new TrainedNetwork(NetworkId.DOCTOR, spec, normalization,
                parameters, new DescriptorStatistics(new float[spec.descriptorDim()], new float[spec.descriptorDim()]))));
    }

    /** Runs any teacher's patch descriptors (its statistics are not used). */
    public PatchDescriber(int patchSize, int channels, Teacher network) {
        this.dim = network.descriptorDim();
        this.graph = new DescriberGraph(patchSize, channels, network::patchDescriptors);
    }

    /** Descriptors of {@code count} flat NHWC patches, as rows of descriptorDim values. */
    public float[] describe(float[] patches, int count) {
        return graph.run(patches, count);
    }

    /** Mean and deviation of the descriptors of {@code count} random patches. */
    public DescriptorStatistics statistics(PatchSampler sampler, int count) {
        return DescriptorStatistics.of(describe(sampler, count), count, dim);
    }

    /** The descriptors of {@code count} random patches, as rows. */
    public float[] describe(PatchSampler sampler, int count) {
        float[] all = new float[count * dim];
        for (int done = 0; done < count; ) {
            int n = Math.min(256, count - done);
            System.arraycopy(describe(sampler.sample(n), n), 0, all, done * dim, n * dim);
            done += n;
        }
        return all;
    }

    @Override
    public void close() {
        graph.close();
    }
}

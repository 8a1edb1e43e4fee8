package io.stereotype.core.train;

import io.stereotype.core.model.DescriptorMoments;
import java.util.List;

/**
 * Runs a dense teacher on training crops to measure the moments of its descriptors at every grid
 * position, for a teacher whose dense descriptors differ from its patch descriptors (the pretrained
 * backbone sees context beyond the patch; a patch network does not, so its patch statistics serve).
 */
public final class DenseDescriber implements AutoCloseable {
    private final int crop;
    private final int dim;
    private final DescriberGraph graph;

    /** @param teacher a teacher whose statistics are the identity (mean 0, deviation 1): its raw descriptors */
    public DenseDescriber(int crop, int channels, DenseTeacher teacher) {
        this.crop = crop;
        this.dim = teacher.descriptorDim();
        this.graph = new DescriberGraph(crop, channels,
                (tf, input) -> tf.reshape(teacher.denseDescriptors(tf, input), tf.constant(new long[] {-1, teacher.descriptorDim()})));
    }

    /**
     * Moments over every grid position of at least one epoch of crops (each training image once) and at
     * least {@code minPositions} positions.
     */
    public DescriptorMoments moments(DenseCropSampler sampler, int minPositions) {
        if (sampler.crop() != crop) {
            throw new IllegalArgumentException("the sampler draws crops of " + sampler.crop() + " pixels, the describer takes " + crop);
        }
        int steps = Math.max(sampler.stepsPerEpoch(), (minPositions + sampler.positionsPerStep() - 1) / sampler.positionsPerStep());
        int perStep = sampler.positionsPerStep() * dim;
        float[] all = new float[steps * perStep];
        for (int step = 0; step < steps; step++) {
            float[] descriptors = graph.run(sampler.next().patches(), sampler.cropsPerStep());
            System.arraycopy(descriptors, 0, all, step * perStep, perStep);
        }
        return DescriptorMoments.of(List.of(all), dim);
    }

    @Override
    public void close() {
        graph.close();
    }
}

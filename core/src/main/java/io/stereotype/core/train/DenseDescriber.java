package io.stereotype.core.train;

import io.stereotype.core.model.DescriptorStatistics;
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
 * Runs a dense teacher on training crops to measure the statistics of its descriptors at every grid
 * position, for a teacher whose dense descriptors differ from its patch descriptors (the pretrained
 * backbone sees context beyond the patch; a patch network does not, so its patch statistics serve).
 */
public final class DenseDescriber implements AutoCloseable {
    private final int crop;
    private final int channels;
    private final int dim;
    private final Graph graph = new Graph();
    private final Session session;
    private final Placeholder<TFloat32> input;
    private final Operand<TFloat32> output;

    /** @param teacher a teacher whose statistics are the identity (mean 0, deviation 1): its raw descriptors */
    public DenseDescriber(int crop, int channels, DenseTeacher teacher) {
        this.crop = crop;
        this.channels = channels;
        this.dim = teacher.descriptorDim();
        Ops tf = Ops.create(graph);
        input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, crop, crop, channels)));
        output = tf.reshape(teacher.denseDescriptors(tf, input), tf.constant(new long[] {-1, dim}));
        session = new Session(graph);
    }

    /**
     * Mean and deviation over every grid position of at least one epoch of crops (each training image
     * once) and at least {@code minPositions} positions.
     */
    public DescriptorStatistics statistics(DenseCropSampler sampler, int minPositions) {
        if (sampler.crop() != crop) {
            throw new IllegalArgumentException("the sampler draws crops of " + sampler.crop() + " pixels, the describer takes " + crop);
        }
        int steps = Math.max(sampler.stepsPerEpoch(), (minPositions + sampler.positionsPerStep() - 1) / sampler.positionsPerStep());
        int perStep = sampler.positionsPerStep() * dim;
        float[] all = new float[steps * perStep];
        for (int step = 0; step < steps; step++) {
            GraphTrainer.Batch batch = sampler.next();
            float[] descriptors = new float[perStep];
            try (TFloat32 in = TFloat32.tensorOf(Shape.of(sampler.cropsPerStep(), crop, crop, channels), DataBuffers.of(batch.patches()));
                 Result result = session.runner().feed(input, in).fetch(output).run()) {
                ((TFloat32) result.get(0)).copyTo(DataBuffers.of(descriptors));
            }
            System.arraycopy(descriptors, 0, all, step * perStep, perStep);
        }
        return DescriptorStatistics.of(all, steps * sampler.positionsPerStep(), dim);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}

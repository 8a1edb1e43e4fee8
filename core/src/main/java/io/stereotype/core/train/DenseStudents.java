package io.stereotype.core.train;

import io.stereotype.core.model.NetworkId;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;

/**
 * Dense training of a master or bachelor (docs/algorithm.md, "Dense training"): each step runs
 * whole crops through the dense graphs of teacher and student ({@link DenseObjective}) on the
 * grid of the network's pooling stride.
 */
public final class DenseStudents {
    private DenseStudents() {
    }

    /** A student of the configured network family and patch size. */
    static TrainingResult train(TrainingConfig config, TrainingSet set, Teacher teacher, NetworkId id,
                                TrainingListener listener) {
        return train(config, set, teacher.dense(grid(config, set.channels())), config.networkSpec(set.channels()), id,
                listener);
    }

    /**
     * A student of any dense teacher.
     *
     * @param spec the student's architecture; its last layer is sized to the teacher's descriptors
     */
    public static TrainingResult train(TrainingConfig config, TrainingSet set, DenseTeacher teacher, NetworkSpec spec,
                                       NetworkId id, TrainingListener listener) {
        NetworkSpec student = spec.withDescriptorDim(teacher.descriptorDim());
        DenseGrid grid = grid(student);
        long seed = id.seed(config.seed());
        NetworkParameters start = NetworkParameters.initial(student, seed);
        DenseCropSampler sampler = DenseCropSampler.of(set, config, grid, seed, teacher);
        DenseMemory.check(student, grid.stride(), sampler.crop(), sampler.cropsPerStep());
        GraphTrainer.Trained trained = GraphTrainer.train(id.name(), sampler.crop(), set.channels(),
                new Schedule(config.studentEpochs(), sampler.stepsPerEpoch(), sampler.cropsPerStep(), config.learningRate()),
                tf -> new DenseObjective(tf, teacher, student, grid, start, set.normalization(), sampler.crop(), config,
                        sampler.feedsTargets())
                        .forTrainer(start),
                size -> sampler.next(),
                listener);
        return new TrainingResult(Students.withStatistics(id, student, set, trained.parameters(), config),
                trained.lastEpoch());
    }

    /**
     * The grid students of {@code config}'s network family and patch size train on: the network's
     * pooling stride (8 for patch 64, 4 for patch 32), so the training graph has no dilated kernels.
     * Finer grids would be the same patches shifted, and crops start at any pixel, so every alignment
     * is trained on over an epoch; and TensorFlow 2.18's oneDNN kernels abort the JVM (SIGILL, "could
     * not create a primitive descriptor for a convolution forward propagation primitive") on the
     * dilated graph in a training session on this CPU, see docs/algorithm.md.
     */
    public static DenseGrid grid(TrainingConfig config, int channels) {
        return grid(config.networkSpec(channels));
    }

    /** The grid of a student of {@code spec}, as {@link #grid(TrainingConfig, int)} says. */
    private static DenseGrid grid(NetworkSpec spec) {
        return new DenseGrid(spec.patchSize(), spec.maxStride());
    }
}

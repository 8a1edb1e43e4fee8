package io.stereotype.core.train;

import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.TrainedNetwork;

import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.Parameter;
import io.stereotype.core.net.PatchNetwork;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Trains masters (students of the doctor) and bachelors (students of a master): each regresses its
 * teacher's descriptors standardised per dimension, with the mixed loss mu L_d + (1 - mu) L_p, on
 * random patches or densely ({@link DenseStudents}) as the config's sampling says, and is checked
 * for having learned ({@link TrainingHealth}).
 */
public final class Students {
    private Students() {
    }

    public static TrainingResult train(TrainingConfig config, TrainingSet set, Teacher teacher, NetworkId id,
                                       TrainingListener listener) {
        if (id.role() == NetworkId.Role.DOCTOR || !id.teacher().equals(teacher.id())) {
            throw new IllegalArgumentException(id + " cannot be trained from " + teacher.id()
                    + " (masters learn from the doctor, bachelor-I-J from master-I)");
        }
        TrainingHealth.Monitor monitor = new TrainingHealth.Monitor(listener);
        TrainingResult trained;
        if (config.sampling() == Sampling.DENSE) {
            trained = DenseStudents.train(config, set, teacher, id, monitor);
        } else {
            trained = trainOnPatches(config, set, teacher, id, monitor);
        }
        monitor.verdict(id, config.failOnStalled(), teacher.regressionFloor(), config.mu());
        return trained;
    }

    private static TrainingResult trainOnPatches(TrainingConfig config, TrainingSet set, Teacher teacher, NetworkId id,
                                                 TrainingListener listener) {
        // the students' family and patch, ending in the teacher's descriptor dimension
        NetworkSpec spec = config.networkSpec(set.channels())
                .withDescriptorDim(teacher.descriptorDim());
        long seed = id.seed(config.seed());
        NetworkParameters start = NetworkParameters.initial(spec, seed);
        PatchSampler sampler = set.sampler(config, seed);
        GraphTrainer.Trained trained = GraphTrainer.train(id.name(), config.patchSize(), set.channels(),
                config.schedule(false, set.stepsPerEpoch(config)),
                tf -> objective(tf, spec, teacher, start, set, config),
                size -> new GraphTrainer.Batch(sampler.sample(size), null, size),
                listener);
        return new TrainingResult(withStatistics(id, spec, set, trained.parameters(), config), trained.lastEpoch());
    }

    private static GraphTrainer.Objective objective(Ops tf, NetworkSpec spec, Teacher teacher, NetworkParameters start,
                                                    TrainingSet set, TrainingConfig config) {
        Placeholder<TFloat32> patches = tf.placeholder(TFloat32.class, Placeholder.shape(
                Shape.of(-1, spec.patchSize(), spec.patchSize(), spec.inputChannels())));
        Operand<TFloat32> teacherDescriptors = teacher.patchDescriptors(tf, patches);
        Operand<TFloat32> target = Standardisation.standardise(tf, teacherDescriptors, teacher.statistics());
        PatchNetwork student = PatchNetwork.trainable(tf, spec, set.normalization(), start, "student_");
        Operand<TFloat32> predicted = student.patchDescriptors(tf, patches);
        Operand<TFloat32> regression = Losses.regression(tf, predicted, target);
        Operand<TFloat32> compactness = Losses.compactness(tf, predicted, config.compactness());
        return new GraphTrainer.Objective(patches, null, null, Losses.mixed(tf, regression, compactness, config.mu()),
                regression, compactness, student.variables(),
                start.parameters().stream().map(Parameter::name).toList());
    }

    /** Attaches the statistics of the network's own descriptors on normal training patches. */
    static TrainedNetwork withStatistics(NetworkId id, NetworkSpec spec, TrainingSet set, NetworkParameters parameters,
                                         TrainingConfig config) {
        try (PatchDescriber describer = new PatchDescriber(spec, set.normalization(), parameters)) {
            DescriptorStatistics statistics = describer.statistics(
                    set.sampler(config, id.seed(config.seed()) + 1), config.statisticsPatches());
            return new TrainedNetwork(id, spec, set.normalization(), parameters, statistics);
        }
    }
}

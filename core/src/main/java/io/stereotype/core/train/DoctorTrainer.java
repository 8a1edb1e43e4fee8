package io.stereotype.core.train;

import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainedNetwork;

import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.Parameter;
import io.stereotype.core.net.PatchNetwork;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains the doctor D: the patch network plus a linear classifier T, with the cross-entropy of Eq. 3
 * on the images' class labels when there are any, else on the self-supervised pretext of telling
 * which of four rotations a patch was turned by. An optional L_p term keeps descriptors compact.
 */
public final class DoctorTrainer {
    private DoctorTrainer() {
    }

    /**
     * @param initial weights to start from (e.g. read from a pre-trained SavedModel), or null for a
     *                seeded random initialisation
     */
    public static TrainingResult train(TrainingConfig config, TrainingSet set, NetworkParameters initial,
                                       TrainingListener listener) {
        NetworkSpec spec = config.networkSpec(set.channels());
        long seed = NetworkId.DOCTOR.seed(config.seed());
        NetworkParameters start = initial != null ? initial : NetworkParameters.initial(spec, seed);
        boolean labelled = set.classes() != null;
        int classes = labelled ? java.util.Arrays.stream(set.classes()).max().orElse(0) + 1 : PatchSampler.ROTATIONS;
        if (labelled && classes < 2) {
            throw new IllegalArgumentException("doctor training on class labels needs at least 2 classes, found " + classes);
        }
        List<Parameter> head = NetworkParameters.classifierHead(spec.descriptorDim(), classes, seed);
        PatchSampler sampler = set.sampler(config, seed);
        TrainingHealth.Monitor monitor = new TrainingHealth.Monitor(listener);
        GraphTrainer.Trained trained = GraphTrainer.train(NetworkId.DOCTOR.name(), config.patchSize(), set.channels(),
                config.schedule(true, set.stepsPerEpoch(config)),
                tf -> objective(tf, spec, set, start, head, config),
                size -> {
                    int[] labels = new int[size];
                    float[] patches = labelled ? sampler.sampleLabeled(size, labels) : sampler.sampleRotated(size, labels);
                    return new GraphTrainer.Batch(patches, labels, size);
                },
                monitor);
        monitor.verdict(NetworkId.DOCTOR, config.failOnStalled(), 0, 1);
        NetworkParameters network = new NetworkParameters(trained.parameters().parameters().subList(0, start.parameters().size()));
        return new TrainingResult(Students.withStatistics(NetworkId.DOCTOR, spec, set, network, config), trained.lastEpoch());
    }

    private static GraphTrainer.Objective objective(Ops tf, NetworkSpec spec, TrainingSet set, NetworkParameters start,
                                                    List<Parameter> head, TrainingConfig config) {
        Placeholder<TFloat32> patches = tf.placeholder(TFloat32.class, Placeholder.shape(
                Shape.of(-1, spec.patchSize(), spec.patchSize(), spec.inputChannels())));
        Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        PatchNetwork network = PatchNetwork.trainable(tf, spec, set.normalization(), start, "doctor_");
        Operand<TFloat32> descriptors = network.patchDescriptors(tf, patches);
        Variable<TFloat32> weights = PatchNetwork.variable(tf, head.get(0), "doctor_");
        Variable<TFloat32> bias = PatchNetwork.variable(tf, head.get(1), "doctor_");
        Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(descriptors, weights), bias);
        // -sum y log T(I) written out: TensorFlow's C++ gradients lack the fused sparse cross-entropy op
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(head.get(1).values().length), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> crossEntropy = tf.math.neg(tf.math.mean(
                tf.reduceSum(tf.math.mul(oneHot, tf.nn.logSoftmax(logits)), tf.constant(1)), tf.constant(0)));
        Operand<TFloat32> compactness = Losses.compactness(tf, descriptors, config.compactness());
        Operand<TFloat32> loss = config.doctorCompactness() > 0
                ? tf.math.add(crossEntropy, tf.math.mul(compactness, tf.constant(config.doctorCompactness())))
                : crossEntropy;
        List<org.tensorflow.op.core.Variable<TFloat32>> variables = new ArrayList<>(network.variables());
        variables.add(weights);
        variables.add(bias);
        List<String> names = new ArrayList<>(start.parameters().stream().map(Parameter::name).toList());
        names.add(head.get(0).name());
        names.add(head.get(1).name());
        return new GraphTrainer.Objective(patches, labels, null, loss, crossEntropy, compactness, variables, names);
    }
}

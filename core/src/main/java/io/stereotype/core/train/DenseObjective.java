package io.stereotype.core.train;

import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.Parameter;
import io.stereotype.core.net.PatchNetwork;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The student loss of Eq. 6 on whole crops: teacher and student run their dense graphs over a
 * batch of crops, the regression term (Eq. 4) averages over every position of every crop, and the
 * compactness term (Eq. 5) over the pairs of a uniformly drawn subset of those positions.
 *
 * <p>Feeds: {@code images} [N, C, C, channels] crops, and {@code pairPositions}, indices into the
 * step's N * h * w positions (row-major over crop, row, column) whose descriptors enter L_p
 * (drawn by {@link DenseCropSampler}); and, for a teacher that sees context, {@code targets}, the
 * teacher's standardised descriptors of those positions from its maps of the whole images
 * ({@link TeacherMaps}), flat. The regression term is {@link Losses#regression} of the positions as
 * rows, so it is the patch loss of those patches, not an approximation of it.
 */
public final class DenseObjective {
    private final Placeholder<TFloat32> images;
    private final Placeholder<TInt32> pairPositions;
    private final Placeholder<TFloat32> targets;
    private final PatchNetwork student;
    private final Operand<TFloat32> predicted;
    private final Operand<TFloat32> regression;
    private final Operand<TFloat32> compactness;
    private final Operand<TFloat32> loss;

    /**
     * @param spec  the student's architecture; its descriptor dimension must be the teacher's
     * @param start the student's initial weights
     * @param crop  side C of the crops
     * @param fedTargets whether the targets come with each batch ({@link DenseCropSampler#feedsTargets()})
     *                   instead of from the teacher's graph on the crops
     */
    public DenseObjective(Ops tf, DenseTeacher teacher, NetworkSpec spec, DenseGrid grid, NetworkParameters start,
                          InputNormalization normalization, int crop, TrainingConfig config, boolean fedTargets) {
        if (spec.descriptorDim() != teacher.descriptorDim()) {
            throw new IllegalArgumentException("the student outputs " + spec.descriptorDim() + " values per position, its teacher "
                    + teacher.descriptorDim());
        }
        images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, crop, crop, spec.inputChannels())));
        pairPositions = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        targets = fedTargets ? tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1))) : null;
        Operand<TFloat32> target = rows(tf, fedTargets ? targets : teacher.denseDescriptors(tf, images), spec.descriptorDim());
        student = PatchNetwork.trainable(tf, spec, normalization, start, "student_");
        predicted = rows(tf, grid.fit(tf, student.denseDescriptors(tf, images, grid.stride()), crop, crop), spec.descriptorDim());
        regression = Losses.regression(tf, predicted, target);
        compactness = Losses.compactness(tf, tf.gather(predicted, pairPositions, tf.constant(0)), config.compactness());
        loss = Losses.mixed(tf, regression, compactness, config.mu());
    }

    private static Operand<TFloat32> rows(Ops tf, Operand<TFloat32> map, int dim) {
        return tf.reshape(map, tf.constant(new long[] {-1, dim}));
    }

    public Placeholder<TFloat32> images() {
        return images;
    }

    public Placeholder<TInt32> pairPositions() {
        return pairPositions;
    }

    /** The student's descriptors of every position as rows [N * h * w, D]. */
    public Operand<TFloat32> predicted() {
        return predicted;
    }

    public Operand<TFloat32> regression() {
        return regression;
    }

    public Operand<TFloat32> compactness() {
        return compactness;
    }

    public Operand<TFloat32> loss() {
        return loss;
    }

    public PatchNetwork student() {
        return student;
    }

    /** As the shared training loop takes it: the pair positions travel in the label feed. */
    GraphTrainer.Objective forTrainer(NetworkParameters start) {
        return new GraphTrainer.Objective(images, pairPositions, targets, loss, regression, compactness, student.variables(),
                start.parameters().stream().map(Parameter::name).toList());
    }
}

package io.stereotype.core.train;

import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainedNetwork;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.net.Parameter;
import io.stereotype.core.net.PatchNetwork;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The dense student objective against the patch objective it replaces, on real TensorFlow graphs
 * of a patch-32 paper network over 48x48 crops at stride 4: a 5x5 grid of whole patches per crop.
 */
class DenseObjectiveTest {
    private static final int PATCH = 32;
    private static final int CROP = 48;
    private static final int CROPS = 2;
    private static final DenseGrid GRID = new DenseGrid(PATCH, 4);
    private static final NetworkSpec SPEC = NetworkSpec.of(NetworkVariant.PAPER, PATCH, 1);
    private static final InputNormalization NORMALIZATION = new InputNormalization(new float[] {0.5f}, new float[] {0.25f});
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().toBuilder().patchSize(PATCH).mu(0.7f).build();

    @Test
    void denseLossEqualsThePatchLossOfTheSamePatches() {
        int side = GRID.positions(CROP);
        assertEquals(5, side);
        float[] crops = randomCrops(new Random(1));
        int positions = CROPS * side * side;
        float[] patches = patchesOfGrid(crops, side);
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            TrainedNetwork teacher = teacher();
            DenseObjective dense = objective(tf, teacher);
            // the patch objective of Students, on the same student variables
            Placeholder<TFloat32> patchInput = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, PATCH, PATCH, 1)));
            Operand<TFloat32> target = tf.math.div(tf.math.sub(
                    PatchNetwork.frozen(tf, SPEC, NORMALIZATION, teacher.parameters()).patchDescriptors(tf, patchInput),
                    tf.constant(teacher.statistics().mean())), tf.constant(teacher.statistics().std()));
            Operand<TFloat32> predicted = dense.student().patchDescriptors(tf, patchInput);
            Operand<TFloat32> regression = Losses.regression(tf, predicted, target);
            Operand<TFloat32> compactness = Losses.compactness(tf, predicted, CompactnessMode.DESCRIPTOR_PAIRS);
            try (Session session = new Session(graph);
                 TFloat32 cropTensor = TFloat32.tensorOf(Shape.of(CROPS, CROP, CROP, 1), DataBuffers.of(crops));
                 TFloat32 patchTensor = TFloat32.tensorOf(Shape.of(positions, PATCH, PATCH, 1), DataBuffers.of(patches));
                 TInt32 all = TInt32.vectorOf(range(positions))) {
                session.initialize();
                float[] denseValues = scalars(session.runner().feed(dense.images(), cropTensor).feed(dense.pairPositions(), all)
                        .fetch(dense.regression()).fetch(dense.compactness()));
                float[] patchValues = scalars(session.runner().feed(patchInput, patchTensor)
                        .fetch(regression).fetch(compactness));
                assertTrue(patchValues[0] > 0.1, "a random student is far from its teacher: " + patchValues[0]);
                assertEquals(patchValues[0], denseValues[0], 1e-4 * patchValues[0], "regression (Eq. 4) over all 50 positions");
                assertEquals(patchValues[1], denseValues[1], 1e-4 * patchValues[1], "compactness (Eq. 5) over all 50 positions");
            }
        }
    }

    @Test
    void compactnessExpectationDoesNotDependOnThePositionsDrawn() {
        float[] crops = randomCrops(new Random(2));
        int positions = CROPS * GRID.positions(CROP) * GRID.positions(CROP);
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            DenseObjective dense = objective(tf, teacher());
            try (Session session = new Session(graph);
                 TFloat32 cropTensor = TFloat32.tensorOf(Shape.of(CROPS, CROP, CROP, 1), DataBuffers.of(crops))) {
                session.initialize();
                Random random = new Random(3);
                double allPairs = compactness(session, dense, cropTensor, range(positions));
                for (int count : new int[] {8, 24}) {
                    int draws = 400;
                    double sum = 0;
                    for (int d = 0; d < draws; d++) {
                        sum += compactness(session, dense, cropTensor, DenseCropSampler.drawPositions(positions, count, random));
                    }
                    assertEquals(allPairs, sum / draws, 0.03 * allPairs, "mean of L_p over " + count + " drawn positions");
                }
                assertTrue(allPairs > 0.01, "descriptors of a random network are correlated: " + allPairs);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        float[] crops = randomCrops(new Random(4));
        int positions = CROPS * GRID.positions(CROP) * GRID.positions(CROP);
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            NetworkParameters start = NetworkParameters.initial(SPEC, 5);
            DenseObjective dense = new DenseObjective(tf, new DenseNetworkTeacher(teacher(), GRID), SPEC, GRID, start,
                    NORMALIZATION, CROP, CONFIG, false);
            List<Variable<TFloat32>> variables = dense.student().variables();
            var gradients = tf.gradients(dense.loss(), variables);
            try (Session session = new Session(graph);
                 TFloat32 cropTensor = TFloat32.tensorOf(Shape.of(CROPS, CROP, CROP, 1), DataBuffers.of(crops));
                 TInt32 pairs = TInt32.vectorOf(DenseCropSampler.drawPositions(positions, 20, new Random(6)))) {
                session.initialize();
                int checked = 0;
                for (int v = 0; v < variables.size(); v++) {
                    Parameter p = start.parameters().get(v);
                    if (!p.name().endsWith("_w")) {
                        continue;
                    }
                    float[] grad = values(session.runner().feed(dense.images(), cropTensor).feed(dense.pairPositions(), pairs)
                            .fetch(gradients.dy(v)));
                    int at = argMaxAbs(grad);
                    float h = 1e-2f * Math.max(1e-2f, Math.abs(p.values()[at]));
                    double[] losses = new double[2];
                    for (int sign = 0; sign < 2; sign++) {
                        float[] moved = p.values().clone();
                        moved[at] += sign == 0 ? h : -h;
                        assign(session, tf, variables.get(v), p.shape(), moved);
                        losses[sign] = scalars(session.runner().feed(dense.images(), cropTensor)
                                .feed(dense.pairPositions(), pairs).fetch(dense.loss()))[0];
                    }
                    assign(session, tf, variables.get(v), p.shape(), p.values());
                    double numeric = (losses[0] - losses[1]) / (2 * h);
                    assertEquals(numeric, grad[at], 0.03 * Math.abs(numeric) + 1e-5, "d loss / d " + p.name() + "[" + at + "]");
                    checked++;
                }
                assertTrue(checked >= 5, "checked every weight tensor");
            }
        }
    }

    private static DenseObjective objective(Ops tf, TrainedNetwork teacher) {
        return new DenseObjective(tf, new DenseNetworkTeacher(teacher, GRID), SPEC, GRID, NetworkParameters.initial(SPEC, 5),
                NORMALIZATION, CROP, CONFIG, false);
    }

    /** A random network with descriptor statistics that move every dimension: standardisation is part of the target. */
    private static TrainedNetwork teacher() {
        Random random = new Random(8);
        float[] mean = new float[SPEC.descriptorDim()];
        float[] std = new float[SPEC.descriptorDim()];
        for (int k = 0; k < mean.length; k++) {
            mean[k] = (float) random.nextGaussian() * 0.1f;
            std[k] = 0.05f + random.nextFloat() * 0.2f;
        }
        return new TrainedNetwork(NetworkId.DOCTOR, SPEC, NORMALIZATION, NetworkParameters.initial(SPEC, 11),
                new DescriptorStatistics(mean, std));
    }

    private static float[] randomCrops(Random random) {
        float[] crops = new float[CROPS * CROP * CROP];
        for (int i = 0; i < crops.length; i++) {
            crops[i] = random.nextFloat();
        }
        return crops;
    }

    /** The patches of the grid positions, in the dense objective's row order (crop, row, column). */
    private static float[] patchesOfGrid(float[] crops, int side) {
        int values = PATCH * PATCH;
        float[] patches = new float[CROPS * side * side * values];
        int index = 0;
        for (int n = 0; n < CROPS; n++) {
            float[] one = java.util.Arrays.copyOfRange(crops, n * CROP * CROP, (n + 1) * CROP * CROP);
            FloatImage crop = new FloatImage(CROP, CROP, 1, one);
            for (int i = 0; i < side; i++) {
                for (int j = 0; j < side; j++) {
                    FloatImage patch = crop.crop(j * GRID.stride(), i * GRID.stride(), PATCH, PATCH);
                    System.arraycopy(patch.data(), 0, patches, index++ * values, values);
                }
            }
        }
        return patches;
    }

    private static double compactness(Session session, DenseObjective dense, TFloat32 crops, int[] positions) {
        try (TInt32 indices = TInt32.vectorOf(positions)) {
            return scalars(session.runner().feed(dense.images(), crops).feed(dense.pairPositions(), indices)
                    .fetch(dense.compactness()))[0];
        }
    }

    private static int[] range(int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return all;
    }

    private static float[] scalars(Session.Runner runner) {
        try (Result result = runner.run()) {
            float[] out = new float[result.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((TFloat32) result.get(i)).getFloat();
            }
            return out;
        }
    }

    private static float[] values(Session.Runner runner) {
        try (Result result = runner.run()) {
            TFloat32 t = (TFloat32) result.get(0);
            float[] out = new float[(int) t.shape().size()];
            t.copyTo(DataBuffers.of(out));
            return out;
        }
    }

    private static void assign(Session session, Ops tf, Variable<TFloat32> variable, long[] shape, float[] values) {
        session.runner().addTarget(tf.assign(variable, tf.constant(Shape.of(shape), DataBuffers.of(values)))).run();
    }

    private static int argMaxAbs(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i]) > Math.abs(values[best])) {
                best = i;
            }
        }
        return best;
    }
}

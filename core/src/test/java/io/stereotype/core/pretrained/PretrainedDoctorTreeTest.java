package io.stereotype.core.pretrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.Evaluation;
import io.stereotype.core.Evaluator;
import io.stereotype.core.Stereotype;
import io.stereotype.core.TrainingData;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.core.score.Detector;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small tree under the pretrained doctor: trains, writes a bundle that records the doctor, reloads
 * it through the ordinary {@link Detector} and scores (the scorer's path: nothing pretrained-specific).
 */
class PretrainedDoctorTreeTest {
    @TempDir
    static Path dir;
    static MvtecDataset dataset;
    static Path bundle;
    static Evaluation evaluation;

    @BeforeAll
    static void train() {
        TextureDatasetGenerator.builder().texture("noise").size(64).trainCount(12).testGoodCount(3).defectCount(1)
                .seed(5).build().generate(dir.resolve("data"));
        dataset = MvtecDataset.open(dir.resolve("data"));
        bundle = dir.resolve("bundle");
        TrainingConfig config = TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(64).epochs(1).masters(1)
                .bachelors(1).patchesPerImage(8).batchSize(16).statisticsPatches(64).build();
        Stereotype.trainWithPretrainedDoctor(config, TrainingData.of(dataset), PretrainedTestData.weights(), bundle,
                TrainingListener.NONE);
        try (Detector detector = Stereotype.load(bundle)) {
            evaluation = Evaluator.evaluate(detector, dataset, (sample, result) -> { });
        }
    }

    @Test
    void theBundleRecordsTheDoctorAndItsWeights() {
        ModelBundle opened = ModelBundle.open(bundle);
        assertEquals(DoctorKind.PRETRAINED, opened.model().doctor());
        assertEquals(PretrainedDoctor.sha256(PretrainedTestData.weights()), opened.model().doctorWeights());
        NetworkFolder.Description doctor = NetworkFolder.describe(opened.networks().get(NetworkId.DOCTOR));
        assertEquals(NetworkFolder.PRETRAINED_BACKBONE, doctor.backbone());
        assertEquals(152, doctor.descriptorDim());
        assertEquals(152, doctor.descriptorMean().length);
    }

    @Test
    void studentsRegressTheBackbonesDescriptorDimension() {
        ModelBundle opened = ModelBundle.open(bundle);
        for (NetworkId id : new NetworkId[] {NetworkId.master(1), NetworkId.bachelor(1, 1)}) {
            NetworkFolder.Description d = NetworkFolder.describe(opened.networks().get(id));
            assertEquals(152, d.descriptorDim(), id.name());
            assertEquals(152, NetworkFolder.read(opened.networks().get(id)).spec().descriptorDim(), id.name());
        }
    }

    @Test
    void scoresThroughTheOrdinaryDetector() throws IOException {
        FloatImage image = ImageFiles.read(dataset.testSamples().getFirst().image());
        try (Detector detector = Stereotype.load(bundle)) {
            AnomalyResult result = detector.score(image, "test");
            assertTrue(Double.isFinite(result.score()), "score " + result.score());
        }
        assertTrue(Double.isFinite(evaluation.metrics().imageAuroc()), "image AUROC " + evaluation.metrics().imageAuroc());
    }

    @Test
    void studentsRefuseOtherWeightsThanTheDoctorWasExportedFrom() throws IOException {
        Path other = dir.resolve("other.pth");
        Files.write(other, new byte[] {1, 2, 3});
        Path doctor = ModelBundle.open(bundle).networks().get(NetworkId.DOCTOR);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PretrainedDoctor.open(doctor, other));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
    }
}

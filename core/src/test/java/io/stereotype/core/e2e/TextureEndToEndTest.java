package io.stereotype.core.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.Evaluation;
import io.stereotype.core.Evaluator;
import io.stereotype.core.Stereotype;
import io.stereotype.core.TrainingData;
import io.stereotype.core.bundle.BundleException;
import io.stereotype.core.io.Folders;
import io.stereotype.core.io.Json;
import io.stereotype.core.bundle.Manifest;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.Sample;
import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.TrainingSummary;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.core.score.Detector;
import io.stereotype.core.train.EpochLosses;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains one small tree on a generated texture data set with synthetic defects, then checks its
 * quality, the per-term maps, progress reporting and the model bundle (round trip and corruption).
 */
class TextureEndToEndTest {
    @TempDir
    static Path dir;
    static MvtecDataset dataset;
    static Path bundle;
    static Evaluation evaluation;
    static final List<String> epochs = new ArrayList<>();

    static TrainingConfig config() {
        return TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(128).epochs(6).masters(2).bachelors(1)
                .statisticsPatches(512).build();
    }

    @BeforeAll
    static void trainAndEvaluate() {
        TextureDatasetGenerator.builder().texture("noise").size(128).seed(1).build().generate(dir.resolve("data"));
        dataset = MvtecDataset.open(dir.resolve("data"));
        bundle = dir.resolve("bundle");
        Stereotype.train(config(), TrainingData.of(dataset), bundle, new TrainingListener() {
            @Override
            public void onEpoch(String network, int epoch, int total, EpochLosses losses) {
                epochs.add(network + " " + epoch + "/" + total + " " + losses.loss());
            }
        });
        try (Detector detector = Stereotype.load(bundle)) {
            evaluation = Evaluator.evaluate(detector, dataset, (sample, result) -> { });
        }
        System.out.println("generated noise textures: " + evaluation.metrics());
    }

    @Test
    void detectsAndLocalisesSyntheticDefects() {
        assertTrue(evaluation.metrics().imageAuroc() >= 0.90, "image AUROC " + evaluation.metrics().imageAuroc());
        assertTrue(evaluation.metrics().pixelAuroc() >= 0.90, "pixel AUROC " + evaluation.metrics().pixelAuroc());
        assertTrue(evaluation.metrics().aupro() > 0.5, "AUPRO " + evaluation.metrics().aupro());
        assertEquals(List.of("hole", "scratch", "spot", "stain"), evaluation.perDefect().keySet().stream().sorted().toList());
    }

    @Test
    void reportsEveryEpochOfEveryNetwork() {
        // doctor, 2 masters, 2 bachelors, 6 epochs each, losses finite
        assertEquals(5 * 6, epochs.size());
        assertTrue(epochs.contains("bachelor-2-1 6/6 " + epochs.getLast().split(" ")[2]));
        epochs.forEach(e -> assertTrue(Double.isFinite(Double.parseDouble(e.split(" ")[2])), e));
    }

    @Test
    void everyNetworkFolderKeepsHowItsTrainingEnded() {
        ModelBundle opened = ModelBundle.open(bundle);
        opened.networks().forEach((id, folder) -> {
            TrainingSummary summary = NetworkFolder.describe(folder).training();
            assertNotNull(summary, id + " has no training summary");
            assertTrue(epochs.contains(id.name() + " 6/6 " + summary.loss()), id + ": " + summary + " vs " + epochs);
            assertTrue(epochs.contains(id.name() + " 1/6 " + summary.firstLoss()), id + ": " + summary + " vs " + epochs);
        });
    }

    @Test
    void mapsHaveTheImageSizeAndOneMapPerBiasTerm() {
        Sample sample = dataset.testSamples().stream().filter(Sample::anomalous).findFirst().orElseThrow();
        FloatImage image = ImageFiles.read(sample.image());
        try (Detector detector = Stereotype.load(bundle)) {
            AnomalyResult result = detector.score(image.resize(96, 80), sample.image().toString());
            assertEquals(96, result.map().width());
            assertEquals(80, result.map().height());
            assertEquals(List.of("inference", "delivery", "peer"), List.copyOf(result.terms().keySet()));
            result.terms().values().forEach(m -> assertEquals(96 * 80, m.values().length));
            assertEquals(result.map().max(), result.score(), 1e-6);
        }
    }

    @Test
    void bundleRoundTripGivesIdenticalScores(@TempDir Path copyDir) {
        Path copy = copyDir.resolve("bundle");
        Folders.copyRecursively(bundle, copy);
        Sample sample = dataset.testSamples().getFirst();
        FloatImage image = ImageFiles.read(sample.image());
        AnomalyResult a;
        AnomalyResult b;
        try (Detector first = Stereotype.load(bundle); Detector second = Stereotype.load(copy)) {
            a = first.score(image, "a");
            b = second.score(image, "b");
        }
        assertEquals(a.score(), b.score(), 0.0);
        assertArrayEquals(a.map().values(), b.map().values());
        assertEquals(evaluation.samples().getFirst().score(), a.score(), 0.0, "same score as during evaluation");
    }

    @Test
    void corruptedBundleFailsNamingTheFile(@TempDir Path copyDir) throws IOException {
        Path copy = copyDir.resolve("bundle");
        Folders.copyRecursively(bundle, copy);
        Path weights = firstFile(copy.resolve("networks/master-1/model/variables"));
        try (RandomAccessFile file = new RandomAccessFile(weights.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int b = file.read();
            file.seek(file.length() / 2);
            file.write(b ^ 0xFF);
        }
        BundleException e = assertThrows(BundleException.class, () -> Stereotype.load(copy));
        assertTrue(e.getMessage().contains("checksum mismatch for networks/master-1/model/variables/"), e.getMessage());
    }

    @Test
    void truncatedBundleFailsNamingTheFile(@TempDir Path copyDir) throws IOException {
        Path copy = copyDir.resolve("bundle");
        Folders.copyRecursively(bundle, copy);
        Files.delete(copy.resolve("networks/bachelor-1-1/model/saved_model.pb"));
        BundleException e = assertThrows(BundleException.class, () -> Stereotype.load(copy));
        assertTrue(e.getMessage().contains("missing file networks/bachelor-1-1/model/saved_model.pb"), e.getMessage());
    }

    @Test
    void otherFormatVersionIsRejected(@TempDir Path copyDir) {
        Path copy = copyDir.resolve("bundle");
        Folders.copyRecursively(bundle, copy);
        Manifest manifest = Json.read(copy.resolve(Manifest.FILE), Manifest.class);
        Json.write(copy.resolve(Manifest.FILE), new Manifest(99, manifest.createdAt(), manifest.files()));
        BundleException e = assertThrows(BundleException.class, () -> ModelBundle.open(copy));
        assertTrue(e.getMessage().contains("format version 99"), e.getMessage());
    }

    @Test
    void bundleHoldsEveryNetworkAndTheCalibration() {
        ModelBundle opened = ModelBundle.open(bundle);
        assertEquals(List.of("doctor", "master-1", "master-2", "bachelor-1-1", "bachelor-2-1"),
                opened.networks().keySet().stream().map(Object::toString).toList());
        assertTrue(opened.calibration().threshold() > 0);
        assertEquals(config().model(DoctorKind.PRETEXT), opened.model());
        Map<String, String> files = opened.manifest().files();
        assertTrue(files.keySet().stream().allMatch(f -> files.get(f).matches("[0-9a-f]{64}")));
    }

    private static Path firstFile(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
        }
    }
}

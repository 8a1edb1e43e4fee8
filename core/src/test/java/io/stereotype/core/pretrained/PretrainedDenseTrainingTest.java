package io.stereotype.core.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.Stereotype;
import io.stereotype.core.TrainingData;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.model.DescriptorMoments;
import io.stereotype.core.score.GridGeometry;
import io.stereotype.core.train.DenseCropSampler;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.core.score.Detector;
import io.stereotype.core.train.DenseGrid;
import io.stereotype.core.train.DenseStudents;
import io.stereotype.core.train.EpochLosses;
import io.stereotype.core.train.Sampling;
import io.stereotype.core.train.TeacherMaps;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Students of the pretrained doctor trained densely: the backbone's maps of the whole images are the
 * targets, standardised with statistics measured on such maps (not on patches seen alone), and the
 * tree they make scores through the ordinary detector.
 */
class PretrainedDenseTrainingTest {
    @TempDir
    static Path dir;
    static MvtecDataset dataset;
    static TrainingConfig dense;
    /**
     * Epochs of the tree test: its bachelor learns after a plateau of about 6 epochs, since its master now
     * reproduces part of the backbone (the master's statistics use enough patches for 152 dimensions).
     */
    private static final int TREE_EPOCHS = 20;

    @BeforeAll
    static void data() {
        TextureDatasetGenerator.builder().texture("noise").size(64).trainCount(12).testGoodCount(3).defectCount(1)
                .seed(5).build().generate(dir.resolve("data"));
        dataset = MvtecDataset.open(dir.resolve("data"));
        dense = TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(64).cropSize(64).cropsPerStep(1).epochs(8)
                .masters(1).bachelors(1).batchSize(16).statisticsPatches(64).sampling(Sampling.DENSE).build();
    }

    private static TrainingSet set(TrainingConfig config) {
        return TrainingSet.prepare(TrainingData.of(dataset).images(), null, config);
    }

    @Test
    void denseTargetsHaveZeroMeanAndUnitDeviationOverTheWholeImagesTheStudentsRegress() {
        TrainingSet set = set(dense);
        PretrainedDoctor doctor = PretrainedDoctor.export(dense, set, PretrainedTestData.weights(), dir.resolve("doctor-dense"));
        DenseGrid grid = DenseStudents.grid(dense, set.channels());
        // the doctor's standardised maps of the whole training images, as its students get them: kept from the export
        GridGeometry scoring = DenseCropSampler.scoring(set, dense);
        TeacherMaps kept = doctor.dense(grid).wholeImageMaps(set, scoring).orElseThrow();
        assertSame(kept, doctor.dense(grid).wholeImageMaps(set, scoring).orElseThrow(), "computed once, for every master");
        DescriptorMoments moments = kept.moments();
        DescriptorStatistics targets = moments.statistics();
        // the same as the backbone computes them again, standardised in the graph
        DescriptorStatistics recomputed = TeacherMaps.compute(set, scoring, doctor.dense(grid), grid).orElseThrow().moments().statistics();
        assertArrayEquals(recomputed.mean(), targets.mean(), 1e-4f);
        assertArrayEquals(recomputed.std(), targets.std(), 1e-4f);
        assertEquals(152, targets.dimension());
        for (int k = 0; k < targets.dimension(); k++) {
            if (doctor.statistics().std()[k] > 1e-3f) {
                assertEquals(0, targets.mean()[k], 1e-3, "mean of dimension " + k);
                assertEquals(1, targets.std()[k], 1e-3, "deviation of dimension " + k);
            }
        }
        // what a Table 1 student (4-channel bottleneck) cannot reach of those targets, measured at export and kept in the folder
        double floor = moments.regressionFloor(4);
        assertTrue(floor > 0.1 && floor < 1, "floor " + floor);
        assertEquals(floor, doctor.regressionFloor(), 1e-4);
        assertEquals(doctor.regressionFloor(), PretrainedDoctor.open(dir.resolve("doctor-dense"), PretrainedTestData.weights())
                .regressionFloor());
    }

    @Test
    void denseStatisticsDescribeCellsInContextNotPatchesAlone() {
        TrainingConfig patches = dense.toBuilder().sampling(Sampling.PATCHES).build();
        TrainingSet set = set(patches);
        DescriptorStatistics alone = PretrainedDoctor.export(patches, set, PretrainedTestData.weights(), dir.resolve("doctor-patches"))
                .statistics();
        DescriptorStatistics inContext = PretrainedDoctor.export(dense, set(dense),
                PretrainedTestData.weights(), dir.resolve("doctor-context")).statistics();
        int differing = 0;
        for (int k = 0; k < alone.dimension(); k++) {
            if (Math.abs(alone.mean()[k] - inContext.mean()[k]) > 0.1 * alone.std()[k]) {
                differing++;
            }
        }
        // the backbone's receptive field exceeds the patch: context changes what many channels see
        assertTrue(differing > alone.dimension() / 10, differing + " of 152 dimensions have a mean that differs by > 0.1 std");
    }

    @Test
    void otherBlocksAreTheDescriptorAndTheFolderRemembersThem() {
        TrainingSet set = set(dense);
        Path folder = dir.resolve("doctor-block-1");
        PretrainedDoctor exported = PretrainedDoctor.export(dense, set, PretrainedTestData.weights(), folder, List.of(1));
        assertEquals(24, exported.descriptorDim(), "block 1 of EfficientNet-Lite0 has 24 channels");
        assertEquals(List.of(1), NetworkFolder.describe(folder).taps());
        PretrainedDoctor reopened = PretrainedDoctor.open(folder, PretrainedTestData.weights());
        assertEquals(24, reopened.descriptorDim());
        assertEquals(24, reopened.statistics().dimension());
    }

    /**
     * Bachelors learn their masters densely; masters of the pretrained doctor are trained over every
     * position too, but whether they reproduce the backbone is not asserted: in the benchmarks of
     * docs/results.md they mostly end near regression 1 (docs/algorithm.md says why and what the
     * inference bias then measures).
     */
    @Test
    void aDenselyTrainedTreeTrainsOnEveryPositionAndScores() throws IOException {
        Map<String, List<EpochLosses>> epochs = new TreeMap<>();
        Path bundle = dir.resolve("bundle");
        Stereotype.trainWithPretrainedDoctor(dense.toBuilder().epochs(TREE_EPOCHS).statisticsPatches(1024).build(), TrainingData.of(dataset), PretrainedTestData.weights(), bundle,
                new TrainingListener() {
                    @Override
                    public void onEpoch(String network, int epoch, int total, EpochLosses losses) {
                        epochs.computeIfAbsent(network, n -> new ArrayList<>()).add(losses);
                    }
                });
        assertEquals(List.of("bachelor-1-1", "master-1"), List.copyOf(epochs.keySet()));
        for (var network : epochs.entrySet()) {
            List<EpochLosses> curve = network.getValue();
            assertEquals(TREE_EPOCHS, curve.size(), network.getKey());
            // 11 training images (1 of 12 held out for calibration), one 64-pixel crop each per epoch, 9 x 9 positions
            // of stride 4 per crop
            assertEquals(11 * 81, curve.getFirst().positions(), network.getKey());
            curve.forEach(e -> assertTrue(Double.isFinite(e.loss()), network.getKey() + " loss " + e.loss()));
        }
        List<Double> bachelor = epochs.get("bachelor-1-1").stream().map(EpochLosses::regression).toList();
        assertTrue(bachelor.getLast() < 0.9 * bachelor.getFirst(), "the bachelor did not learn its master: " + bachelor);
        assertEquals(152, NetworkFolder.describe(ModelBundle.open(bundle).networks().get(NetworkId.master(1))).descriptorDim());
        try (Detector detector = Stereotype.load(bundle)) {
            AnomalyResult result = detector.score(ImageFiles.read(dataset.testSamples().getFirst().image()), "test");
            assertTrue(Double.isFinite(result.score()), "score " + result.score());
        }
    }
}

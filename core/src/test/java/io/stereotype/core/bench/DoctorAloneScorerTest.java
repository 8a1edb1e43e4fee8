package io.stereotype.core.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.Stereotype;
import io.stereotype.core.TrainingData;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.Sample;
import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.infer.DescriptorMap;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor-alone baseline of the ablation: its distance, and its maps from a tiny trained tree. */
class DoctorAloneScorerTest {
    @TempDir
    static Path dir;
    static ModelBundle bundle;
    static List<Sample> normalTests;

    @BeforeAll
    static void trainTinyTree() {
        TextureDatasetGenerator.builder().texture("noise").size(64).trainCount(20).testGoodCount(4).defectCount(1)
                .seed(3).build().generate(dir.resolve("data"));
        MvtecDataset dataset = MvtecDataset.open(dir.resolve("data"));
        TrainingConfig config = TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(64).epochs(2).masters(1)
                .bachelors(1).statisticsPatches(256).build();
        bundle = Stereotype.train(config, TrainingData.of(dataset), dir.resolve("bundle"), TrainingListener.NONE);
        normalTests = dataset.testSamples().stream().filter(s -> !s.anomalous()).toList();
    }

    @Test
    void distanceIsTheMeanSquaredStandardisedDescriptor() {
        DescriptorStatistics statistics = new DescriptorStatistics(new float[] {1, 2}, new float[] {2, 0.5f});
        // positions: at the mean, one deviation above in both dimensions, four deviations below in the second
        DescriptorMap descriptors = new DescriptorMap(3, 1, 2, new float[] {1, 2, 3, 2.5f, 1, 0});
        assertArrayEquals(new float[] {0, 1, 8}, DoctorAloneScorer.distances(descriptors, statistics), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> DoctorAloneScorer.distances(
                new DescriptorMap(1, 1, 3, new float[3]), statistics));
    }

    @Test
    void mapHasTheImageSizeAndFiniteNonNegativeValues() {
        FloatImage image = ImageFiles.read(normalTests.getFirst().image()).resize(96, 80);
        try (DoctorAloneScorer scorer = new DoctorAloneScorer(bundle)) {
            FloatMap map = scorer.map(image, "resized");
            assertEquals(96, map.width());
            assertEquals(80, map.height());
            for (float v : map.values()) {
                assertTrue(Float.isFinite(v) && v >= 0, "map value " + v);
            }
        }
    }

    @Test
    void obviousDefectScoresAboveEveryNormalImageWhereItIs() {
        try (DoctorAloneScorer scorer = new DoctorAloneScorer(bundle)) {
            double normalMax = Double.NEGATIVE_INFINITY;
            for (Sample sample : normalTests) {
                normalMax = Math.max(normalMax, scorer.map(ImageFiles.read(sample.image()), "normal").max());
            }
            FloatImage clean = ImageFiles.read(normalTests.getFirst().image());
            FloatMap map = scorer.map(paintSquare(clean, 8, 8, 20, 1f), "defected");
            assertTrue(map.max() > normalMax, "defect scores " + map.max() + ", normal images up to " + normalMax);
            assertTrue(meanInside(map, 8, 8, 20) > 2 * meanOutside(map, 8, 8, 20),
                    "inside " + meanInside(map, 8, 8, 20) + ", outside " + meanOutside(map, 8, 8, 20));
        }
    }

    private static FloatImage paintSquare(FloatImage image, int x0, int y0, int side, float value) {
        float[] data = image.data().clone();
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                for (int c = 0; c < image.channels(); c++) {
                    data[(y * image.width() + x) * image.channels() + c] = value;
                }
            }
        }
        return new FloatImage(image.width(), image.height(), image.channels(), data);
    }

    private static double meanInside(FloatMap map, int x0, int y0, int side) {
        double sum = 0;
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                sum += map.get(x, y);
            }
        }
        return sum / (side * side);
    }

    private static double meanOutside(FloatMap map, int x0, int y0, int side) {
        double total = 0;
        for (float v : map.values()) {
            total += v;
        }
        return (total - meanInside(map, x0, y0, side) * side * side) / (map.values().length - side * side);
    }
}

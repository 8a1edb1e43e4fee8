package io.stereotype.scorer.it;

import io.stereotype.core.Stereotype;
import io.stereotype.core.TrainingData;
import io.stereotype.core.io.Folders;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.Sample;
import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.score.Detector;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Two tiny models trained once per test JVM on a generated texture data set (quality is irrelevant
 * here: only that the service scores exactly as the library does), and the test images to score.
 */
final class TrainedBundles {
    private static TrainedBundles instance;

    final Path v1;
    final Path v2;
    /** Like v1, but trained with {@code resizeSmall} off: it refuses images smaller than its patch. */
    final Path strict;
    /** A normal and two defective test images (PNG files). */
    final List<Path> images;
    private final Map<Path, Map<Path, Double>> expected = new ConcurrentHashMap<>();

    private TrainedBundles(Path v1, Path v2, Path strict, List<Path> images) {
        this.v1 = v1;
        this.v2 = v2;
        this.strict = strict;
        this.images = images;
    }

    static synchronized TrainedBundles get() throws IOException {
        if (instance == null) {
            Path root = Path.of("target", "it-models").toAbsolutePath();
            if (Files.exists(root)) {
                Folders.deleteRecursively(root);
            }
            Path data = root.resolve("textures");
            TextureDatasetGenerator.builder().size(64).trainCount(12).testGoodCount(1).defectCount(1)
                    .defects(List.of("scratch", "spot")).seed(3).build().generate(data);
            MvtecDataset dataset = MvtecDataset.open(data);
            TrainingData training = TrainingData.of(dataset);
            Path v1 = train(training, 1, true, root.resolve("bundle-v1"));
            Path v2 = train(training, 2, true, root.resolve("bundle-v2"));
            Path strict = train(training, 1, false, root.resolve("bundle-strict"));
            instance = new TrainedBundles(v1, v2, strict, dataset.testSamples().stream().map(Sample::image).toList());
        }
        return instance;
    }

    private static Path train(TrainingData data, long seed, boolean resizeSmall, Path bundle) {
        TrainingConfig config = TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(64).epochs(1)
                .masters(1).bachelors(1).statisticsPatches(64).seed(seed).resizeSmall(resizeSmall).build();
        Stereotype.train(config, data, bundle, new TrainingListener() { });
        return bundle;
    }

    /** The score the library gives the image with this bundle: what the service must answer. */
    double expectedScore(Path bundle, Path image) {
        return expected.computeIfAbsent(bundle, b -> scoreAll(b)).get(image);
    }

    private Map<Path, Double> scoreAll(Path bundle) {
        Map<Path, Double> scores = new ConcurrentHashMap<>();
        try (Detector detector = Stereotype.load(bundle)) {
            for (Path image : images) {
                scores.put(image, detector.score(ImageFiles.read(image), image.toString(), false).score());
            }
        }
        return scores;
    }
}

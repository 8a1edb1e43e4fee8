package io.stereotype.core.bench;

import io.stereotype.core.TreeTraining;
import io.stereotype.core.io.Folders;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.infer.DescriptorModel;
import io.stereotype.core.infer.SavedModels;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.score.Detector;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.train.PatchDescriber;
import io.stereotype.core.train.Students;
import io.stereotype.core.train.Teacher;
import io.stereotype.core.model.TrainedNetwork;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingImage;
import io.stereotype.core.train.TrainingSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Speed benchmark of the core: training step time, dense anomaly-map latency of the default tree on
 * a 256x256 image, and dense versus patch-by-patch descriptor maps at stride 1. Timings do not
 * depend on the weights' values, so networks are randomly initialised. Prints a Markdown table.
 *
 * <p>Usage: {@code CoreBenchmark [--repeats N]}
 */
public final class CoreBenchmark {
    private CoreBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int repeats = args.length >= 2 && args[0].equals("--repeats") ? Integer.parseInt(args[1]) : 10;
        TrainingConfig defaults = TrainingConfig.defaults();
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.arch"));
        System.out.println("| measurement | value |");
        System.out.println("|---|---|");
        for (NetworkVariant variant : NetworkVariant.values()) {
            double ms = trainingStepMillis(defaults.toBuilder().network(variant).build());
            row("training step, " + variant.name().toLowerCase(Locale.ROOT) + " net, patch 64, batch 64", "%.0f ms", ms);
        }
        Path work = Files.createTempDirectory("stereotype-bench");
        try {
            double mapSeconds = denseMapSeconds(defaults, work, repeats);
            row("anomaly map 256x256, tree 1+" + defaults.masters() + "+" + defaults.masters() * defaults.bachelors()
                    + ", stride " + defaults.mapStride() + ", median of " + repeats + " (score and map, no per-term maps)",
                    "%.3f s", mapSeconds);
            double[] crop = denseVersusPatches(work, 96);
            row("descriptor map of a 96x96 crop at stride 1, one paper net: dense", "%.3f s", crop[0]);
            row("same map patch by patch (1089 patches of 64x64)", "%.3f s", crop[1]);
            row("dense speed-up at stride 1", "%.0fx", crop[1] / crop[0]);
        } finally {
            Folders.deleteRecursively(work);
        }
    }

    private static void row(String name, String format, double value) {
        System.out.printf(Locale.ROOT, "| %s | " + format + " |%n", name, value);
    }

    /** Median time between optimisation steps of a student, after warm-up. */
    private static double trainingStepMillis(TrainingConfig config) {
        TrainingSet set = TrainingSet.prepare(randomTrainingImages(16), null, config.toBuilder()
                .patchesPerImage(4 * 25).build());
        NetworkSpec spec = config.networkSpec(3);
        TrainedNetwork teacher = randomNetwork(NetworkId.DOCTOR, spec, set.normalization(), 1);
        List<Long> stamps = new ArrayList<>();
        Students.train(config.toBuilder().epochs(1).patchesPerImage(4 * 25).build(), set, Teacher.of(teacher), NetworkId.master(1),
                new TrainingListener() {
                    @Override
                    public void onStep(String network, int epoch, int step, int steps, float loss) {
                        stamps.add(System.nanoTime());
                    }
                });
        double[] gaps = new double[stamps.size() - 6];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = (stamps.get(i + 6) - stamps.get(i + 5)) / 1e6;
        }
        return median(gaps);
    }

    /** Median wall time of Detector.score on a 256x256 RGB image with the default tree. */
    private static double denseMapSeconds(TrainingConfig config, Path work, int repeats) {
        TrainingSet set = TrainingSet.prepare(randomTrainingImages(4), null, config);
        NetworkSpec spec = config.networkSpec(3);
        Map<NetworkId, Path> folders = new LinkedHashMap<>();
        for (NetworkId id : config.tree().networks()) {
            folders.put(id, work.resolve(id.name()));
            NetworkFolder.write(randomNetwork(id, spec, set.normalization(), id.seed(7)), config.mapStride(), folders.get(id));
        }
        ModelBundle bundle = TreeTraining.assemble(config.model(DoctorKind.PRETEXT), set, folders, work.resolve("bundle"));
        FloatImage image = randomImages(1, 256, 3).getFirst();
        try (Detector detector = Detector.load(bundle)) {
            detector.score(image, "warm-up", false);
            double[] seconds = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                detector.score(image, "benchmark", false);
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
            return median(seconds);
        }
    }

    /** {dense seconds, patch-by-patch seconds} for the stride-1 descriptor map of a crop. */
    private static double[] denseVersusPatches(Path work, int side) {
        NetworkSpec spec = NetworkSpec.of(NetworkVariant.PAPER, 64, 3);
        NetworkParameters parameters = NetworkParameters.initial(spec, 3);
        InputNormalization normalization = InputNormalization.identity(3);
        Path model = work.resolve("stride1");
        SavedModels.export(spec, normalization, parameters, 1, model);
        FloatImage crop = randomImages(1, side, 3).getFirst();
        double dense;
        try (DescriptorModel djl = DescriptorModel.load(model, "stride1")) {
            djl.describe(crop);
            double[] seconds = new double[5];
            for (int r = 0; r < seconds.length; r++) {
                long start = System.nanoTime();
                djl.describe(crop);
                seconds[r] = (System.nanoTime() - start) / 1e9;
            }
            dense = median(seconds);
        }
        int positions = side - spec.patchSize() + 1;
        int patchValues = spec.patchSize() * spec.patchSize() * 3;
        try (PatchDescriber describer = new PatchDescriber(spec, normalization, parameters)) {
            describer.describe(new float[256 * patchValues], 256);
            long start = System.nanoTime();
            float[] batch = new float[256 * patchValues];
            int filled = 0;
            for (int y = 0; y < positions; y++) {
                for (int x = 0; x < positions; x++) {
                    System.arraycopy(crop.crop(x, y, spec.patchSize(), spec.patchSize()).data(), 0, batch, filled * patchValues, patchValues);
                    if (++filled == 256) {
                        describer.describe(batch, filled);
                        filled = 0;
                    }
                }
            }
            if (filled > 0) {
                describer.describe(Arrays.copyOf(batch, filled * patchValues), filled);
            }
            return new double[] {dense, (System.nanoTime() - start) / 1e9};
        }
    }

    private static TrainedNetwork randomNetwork(NetworkId id, NetworkSpec spec, InputNormalization normalization, long seed) {
        float[] mean = new float[spec.descriptorDim()];
        float[] std = new float[spec.descriptorDim()];
        Arrays.fill(std, 1f);
        return new TrainedNetwork(id, spec, normalization, NetworkParameters.initial(spec, seed),
                new DescriptorStatistics(mean, std));
    }

    private static List<FloatImage> randomImages(int count, int side, int channels) {
        Random random = new Random(count * 31L + side);
        List<FloatImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] data = new float[side * side * channels];
            for (int k = 0; k < data.length; k++) {
                data[k] = random.nextFloat();
            }
            images.add(new FloatImage(side, side, channels, data));
        }
        return images;
    }

    private static List<TrainingImage> randomTrainingImages(int count) {
        List<FloatImage> images = randomImages(count, 256, 3);
        List<TrainingImage> named = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            named.add(TrainingImage.of("random-" + i, images.get(i)));
        }
        return named;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

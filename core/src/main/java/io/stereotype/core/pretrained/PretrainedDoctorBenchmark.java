package io.stereotype.core.pretrained;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.infer.DescriptorMap;
import io.stereotype.core.infer.DescriptorModel;
import io.stereotype.core.infer.SavedModels;
import io.stereotype.core.io.Folders;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.score.GridGeometry;
import io.stereotype.core.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Latency of one doctor's dense descriptor map of a 256x256 RGB image (padded as the scorer pads it)
 * through DJL: the pretrained EfficientNet-Lite0 doctor versus today's Table 1 doctor at the default
 * patch size, network and stride. Timings do not depend on the Table 1 weights' values, so that
 * network is randomly initialised. Prints a Markdown table.
 *
 * <p>Usage: {@code PretrainedDoctorBenchmark WEIGHTS.pth [--repeats N]} (scripts/bench-pretrained.sh)
 */
public final class PretrainedDoctorBenchmark {
    private PretrainedDoctorBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--repeats"))) {
            System.err.println("usage: PretrainedDoctorBenchmark WEIGHTS.pth [--repeats N]");
            System.exit(2);
        }
        int repeats = args.length == 3 ? Integer.parseInt(args[2]) : 20;
        TrainingConfig defaults = TrainingConfig.defaults();
        int patch = defaults.patchSize();
        int stride = defaults.mapStride();
        NetworkSpec spec = NetworkSpec.of(defaults.network(), patch, 3);
        FloatImage input = new GridGeometry(patch, spec.receptiveField(), stride).input(randomImage(256, 256));
        Path work = Files.createTempDirectory("stereotype-pretrained-bench");
        try {
            Path table1 = work.resolve("table1");
            SavedModels.export(spec, InputNormalization.identity(3), NetworkParameters.initial(spec, 1), stride, table1);
            Path pretrained = work.resolve("pretrained");
            PretrainedDoctorModel.export(EfficientNetLite0.load(Path.of(args[0])), BackboneDescriptors.DEFAULT_TAPS, 3, patch, stride, false, pretrained);
            System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; input %dx%d (256x256 padded), patch %d, stride %d, median of %d%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    input.width(), input.height(), patch, stride, repeats);
            System.out.println("| doctor | map | latency |");
            System.out.println("|---|---|---|");
            row("Table 1 (" + defaults.network().name().toLowerCase(Locale.ROOT) + ", today's)", table1, input, repeats);
            row("pretrained EfficientNet-Lite0, blocks " + BackboneDescriptors.DEFAULT_TAPS, pretrained, input, repeats);
        } finally {
            Folders.deleteRecursively(work);
        }
    }

    private static void row(String name, Path model, FloatImage input, int repeats) {
        try (DescriptorModel loaded = DescriptorModel.load(model, name)) {
            DescriptorMap map = null;
            for (int i = 0; i < 3; i++) {
                map = loaded.describe(input);
            }
            double[] seconds = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long start = System.nanoTime();
                loaded.describe(input);
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            System.out.printf(Locale.ROOT, "| %s | %dx%dx%d | %.1f ms |%n", name, map.width(), map.height(), map.dim(),
                    seconds[repeats / 2] * 1000);
        }
    }

    private static FloatImage randomImage(int width, int height) {
        Random random = new Random(3);
        float[] data = new float[width * height * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return new FloatImage(width, height, 3, data);
    }
}

package io.stereotype.core.bench;

import io.stereotype.core.Evaluator;
import io.stereotype.core.Stereotype;
import io.stereotype.core.TrainingData;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.core.score.Detector;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingSet;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains on a generated data set larger than the heap could hold as preprocessed images, to show
 * that training streams: prints image count, heap limit, peak heap use and wall times.
 *
 * <p>Usage: {@code StreamingBenchmark PHOTO.png [trainImages]} (run with a small {@code -Xmx}).
 */
public final class StreamingBenchmark {
    private static final int SIDE = 128;

    private StreamingBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: StreamingBenchmark PHOTO.png [trainImages]");
        }
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 12_000;
        HeapSampler heap = new HeapSampler();
        heap.start();
        Path data = Files.createTempDirectory("stereotype-streaming").resolve("data");
        long start = System.nanoTime();
        TextureDatasetGenerator.builder().photos(Path.of(args[0])).size(SIDE).grey(true).trainCount(count)
                .testGoodCount(10).defectCount(5).seed(7).build().generate(data);
        double generateSeconds = seconds(start);
        TrainingConfig config = TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(SIDE).epochs(1)
                .masters(1).bachelors(1).patchesPerImage(4).learningRate(1e-3f).build();
        TrainingData training = TrainingData.of(MvtecDataset.open(data));
        start = System.nanoTime();
        TrainingSet set = TrainingSet.prepare(training.images(), null, config);
        double prepareSeconds = seconds(start);
        start = System.nanoTime();
        Path bundle = data.resolveSibling("bundle");
        Stereotype.train(config, training, bundle, TrainingListener.NONE);
        double trainSeconds = seconds(start);
        Metrics metrics;
        try (Detector detector = Stereotype.load(bundle)) {
            metrics = Evaluator.evaluate(detector, MvtecDataset.open(data), (s, r) -> { }).metrics();
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.println("Streaming training (" + count + " generated " + SIDE + "x" + SIDE + " grey PNGs, seed 7), config "
                + config);
        System.out.println("| measurement | value |");
        System.out.println("|---|---|");
        row("training images (after 10% held out)", "%.0f", set.size());
        row("preprocessed size of all training images", "%.0f MB", set.size() * 4.0 * SIDE * SIDE / 1e6);
        row("heap limit (-Xmx)", "%.0f MB", maxHeap / 1e6);
        row("images kept in memory by the training set", "%.0f", set.residentCount());
        row("peak heap used (sampled every 20 ms)", "%.0f MB", heap.peak / 1e6);
        row("generating the data set", "%.0f s", generateSeconds);
        row("preparing the training set (one read of every image)", "%.0f s", prepareSeconds);
        row("training doctor + 1 master + 1 bachelor, 1 epoch each, and calibration", "%.0f s", trainSeconds);
        row("image AUROC on 10 normal + 5 per defect type test images", "%.4f", metrics.imageAuroc());
        row("pixel AUROC", "%.4f", metrics.pixelAuroc());
    }

    /** Samples the used heap every 20 ms: per-pool peaks cannot be summed, they happen at different times. */
    private static final class HeapSampler extends Thread {
        private volatile long peak;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (true) {
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void row(String name, String format, double value) {
        System.out.printf(Locale.ROOT, "| %s | " + format + " |%n", name, value);
    }
}

package io.stereotype.core;

import io.stereotype.core.data.MnistDigits;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.score.Detector;
import io.stereotype.core.train.EpochLosses;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains and evaluates a tree on a generated texture data set and prints the metrics: the quickest
 * way to see the algorithm work end to end without any service.
 *
 * <p>Usage: {@code Demo [--data DIR] [--out DIR] [--epochs N] [--patch 32|64] [--network paper|wide]
 * [--image-size N] [--masters M] [--bachelors B] [--stride S] [--mu X] [--lr X] [--sampling patches|dense] [--sigma X] [--texture KIND]
 * [--mnist DIGITS_DIR --normal N]}: a missing {@code --data} folder is generated (textures, or the
 * one-class MNIST set with digit N normal when {@code --mnist} is given).
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) {
        Path data = Path.of("work/demo/textures");
        Path out = Path.of("work/demo/model");
        String texture = "noise";
        Path mnist = null;
        int normalClass = 0;
        TrainingConfig.Builder config = TrainingConfig.defaults().toBuilder().imageSize(128).patchSize(32).epochs(8);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--data" -> data = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--texture" -> texture = value;
                case "--mnist" -> mnist = Path.of(value);
                case "--normal" -> normalClass = Integer.parseInt(value);
                case "--epochs" -> config.epochs(Integer.parseInt(value));
                case "--patch" -> config.patchSize(Integer.parseInt(value));
                case "--network" -> config.network(NetworkVariant.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--image-size" -> config.imageSize(Integer.parseInt(value));
                case "--masters" -> config.masters(Integer.parseInt(value));
                case "--bachelors" -> config.bachelors(Integer.parseInt(value));
                case "--stride" -> config.mapStride(Integer.parseInt(value));
                case "--mu" -> config.mu(Float.parseFloat(value));
                case "--lr" -> config.learningRate(Float.parseFloat(value));
                case "--sampling" -> config.sampling(io.stereotype.core.train.Sampling.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--sigma" -> config.smoothingSigma(Double.parseDouble(value));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        TrainingConfig cfg = config.build();
        if (mnist != null && !Files.isDirectory(data)) {
            System.out.println("writing MNIST one-class data set (normal class " + normalClass + ") to " + data);
            MnistDigits.writeOneClass(MnistDigits.read(mnist), normalClass, 500, 50, cfg.seed(), data);
        }
        if (!Files.isDirectory(data)) {
            System.out.println("generating texture data set (" + texture + ") in " + data);
            TextureDatasetGenerator.builder().texture(texture).size(cfg.imageSize() == 0 ? 128 : cfg.imageSize())
                    .seed(cfg.seed()).build().generate(data);
        }
        MvtecDataset dataset = MvtecDataset.open(data);
        TrainingData training = TrainingData.of(dataset);
        TrainingSet set = TrainingSet.prepare(training.images(), training.classes(), cfg);
        long start = System.nanoTime();
        TreeTraining.trainAll(cfg, set, null, out.resolve("networks"), out.resolve("bundle"), new TrainingListener() {
            @Override
            public void onEpoch(String network, int epoch, int epochs, EpochLosses l) {
                System.out.printf(Locale.ROOT, "%-14s epoch %3d/%d  loss %.4f  (%.4f + %.4f)  %.1fs%n",
                        network, epoch, epochs, l.loss(), l.regression(), l.compactness(), l.seconds());
            }
        });
        System.out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        try (Detector detector = Stereotype.load(out.resolve("bundle"))) {
            Evaluation evaluation = Evaluator.evaluate(detector, dataset, (s, r) -> { });
            print("all", evaluation.metrics());
            evaluation.perDefect().forEach(Demo::print);
            System.out.printf(Locale.ROOT, "evaluated %d images in %.1f s%n", evaluation.samples().size(), evaluation.seconds());
        }
    }

    private static void print(String name, Metrics m) {
        System.out.printf(Locale.ROOT, "%-8s image AUROC %.4f  pixel AUROC %s  AUPRO %s  F1-max %.3f%n", name,
                m.imageAuroc(), m.pixelAuroc() == null ? "-" : String.format(Locale.ROOT, "%.4f", m.pixelAuroc()),
                m.aupro() == null ? "-" : String.format(Locale.ROOT, "%.4f", m.aupro()), m.f1Max());
    }
}

package io.stereotype.core.bench;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.train.EpochLosses;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.train.Sampling;
import io.stereotype.core.train.Students;
import io.stereotype.core.train.Teacher;
import io.stereotype.core.model.TrainedNetwork;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingImage;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Training throughput of a student, patch sampling against dense sampling, measured side by side
 * in one JVM for the paper and wide networks at patch 32 and 64: patch descriptors trained per
 * second (each patch of a patch batch is one, each grid position of a dense crop is one), from the
 * median time between optimisation steps after warm-up. Timings do not depend on the weights, so
 * the teacher is random and the images are noise of 256x256.
 *
 * <p>Usage: {@code DenseTrainingBenchmark [--steps N] [--crop C] [--crops N] [--patch P]}
 */
public final class DenseTrainingBenchmark {
    private static final int WARM_UP = 3;

    private DenseTrainingBenchmark() {
    }

    public static void main(String[] args) {
        int steps = intArg(args, "--steps", 12);
        TrainingConfig defaults = TrainingConfig.defaults();
        int crop = intArg(args, "--crop", defaults.cropSize());
        int crops = intArg(args, "--crops", defaults.cropsPerStep());
        int onlyPatch = intArg(args, "--patch", 0);
        System.out.printf(Locale.ROOT, "machine: %d cores, Java %s; median of %d steps after %d warm-up; images 256x256 RGB,"
                        + " patch batch %d, dense %d crops of %d on the pooling-stride grid%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), steps, WARM_UP,
                defaults.batchSize(), crops, crop);
        System.out.println("| network | patch | patch sampling: ms/step | descriptors/s | dense: ms/step | positions/step | descriptors/s | speed-up |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (NetworkVariant variant : NetworkVariant.values()) {
            for (int patch : onlyPatch == 0 ? new int[] {32, 64} : new int[] {onlyPatch}) {
                TrainingConfig config = defaults.toBuilder().network(variant).patchSize(patch).cropSize(crop)
                        .cropsPerStep(crops).build();
                double[] patches = throughput(config.toBuilder().sampling(Sampling.PATCHES).build(), steps);
                double[] dense = throughput(config.toBuilder().sampling(Sampling.DENSE).build(), steps);
                System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.1fx |%n",
                        variant.name().toLowerCase(Locale.ROOT), patch, patches[0], patches[2], dense[0], dense[1], dense[2],
                        dense[2] / patches[2]);
            }
        }
    }

    /** {median ms per step, descriptors per step, descriptors per second} of a student's training. */
    static double[] throughput(TrainingConfig config, int steps) {
        int images = 16;
        // enough patches per image that one epoch has the steps asked for, in either sampling
        int patchesPerImage = (steps + WARM_UP + 1) * config.batchSize() / images + 1;
        List<TrainingImage> named = new ArrayList<>();
        Random random = new Random(7);
        int count = Math.max(images, (steps + WARM_UP + 1) * config.cropsPerStep() * 10 / 9 + 2);
        FloatImage noise = noise(random);
        for (int i = 0; i < count; i++) {
            named.add(TrainingImage.of("noise-" + i, noise));
        }
        TrainingConfig run = config.toBuilder().epochs(1).patchesPerImage(patchesPerImage).build();
        TrainingSet set = TrainingSet.prepare(named, null, run);
        NetworkSpec spec = config.networkSpec(3);
        float[] mean = new float[spec.descriptorDim()];
        float[] std = new float[spec.descriptorDim()];
        Arrays.fill(std, 1f);
        TrainedNetwork teacher = new TrainedNetwork(NetworkId.DOCTOR, spec, set.normalization(),
                NetworkParameters.initial(spec, 1), new DescriptorStatistics(mean, std));
        List<Long> stamps = new ArrayList<>();
        double[] perStep = new double[1];
        Students.train(run, set, Teacher.of(teacher), NetworkId.master(1), new TrainingListener() {
            @Override
            public void onStep(String network, int epoch, int step, int stepsPerEpoch, float loss) {
                stamps.add(System.nanoTime());
            }

            @Override
            public void onEpoch(String network, int epoch, int epochs, EpochLosses losses) {
                perStep[0] = (double) losses.positions() / stamps.size();
            }
        });
        int measured = Math.min(steps, stamps.size() - WARM_UP - 1);
        double[] gaps = new double[measured];
        for (int i = 0; i < measured; i++) {
            gaps[i] = (stamps.get(WARM_UP + 1 + i) - stamps.get(WARM_UP + i)) / 1e6;
        }
        Arrays.sort(gaps);
        double ms = gaps[gaps.length / 2];
        return new double[] {ms, perStep[0], perStep[0] / ms * 1000};
    }

    /** A 256x256 RGB image of uniform noise (the benchmarks' stand-in for training images). */
    static FloatImage noise(Random random) {
        float[] data = new float[256 * 256 * 3];
        for (int k = 0; k < data.length; k++) {
            data[k] = random.nextFloat();
        }
        return new FloatImage(256, 256, 3, data);
    }

    /** The integer after flag {@code name}, or {@code fallback}. */
    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}

package io.stereotype.core.bench;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainedNetwork;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.train.DenseMemory;
import io.stereotype.core.train.EpochLosses;
import io.stereotype.core.train.Sampling;
import io.stereotype.core.train.Students;
import io.stereotype.core.train.Teacher;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingImage;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Memory of a student's training steps at the default sizes (paper network, 256x256 RGB images,
 * patch batch 64 or 2 dense crops of 128), patch against dense sampling at patch 32 and 64: the
 * peak heap in use (MemoryMXBean, sampled after every step) and the peak resident set of the
 * process (VmHWM of /proc/self/status, reset when training starts), next to {@link DenseMemory}'s
 * estimate of a dense step. Each row runs in a fresh JVM with this JVM's options, so that no row
 * inherits the native memory (TensorFlow's allocator, malloc arenas) of the one before. Linux only.
 *
 * <p>Usage: {@code TrainingMemoryBenchmark [--images N] [--steps N]}: N training images of noise
 * (default 80, the default pipeline), about N steps of patch sampling (default 12; dense
 * sampling runs one epoch, one crop per image).
 */
public final class TrainingMemoryBenchmark {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String ROW = "--row";

    private TrainingMemoryBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int images = DenseTrainingBenchmark.intArg(args, "--images", 80);
        int steps = DenseTrainingBenchmark.intArg(args, "--steps", 12);
        if (args.length > 0 && args[0].equals(ROW)) {
            System.out.println(row(Sampling.valueOf(args[1]), Integer.parseInt(args[2]), images, steps));
            return;
        }
        TrainingConfig defaults = TrainingConfig.defaults();
        System.out.printf(Locale.ROOT, "machine: %d cores, %d MB RAM, Java %s, JVM options %s; %d images of 256x256 RGB noise,"
                        + " paper network, patch batch %d, dense %d crops of %d; one JVM per row%n",
                Runtime.getRuntime().availableProcessors(), physicalMegabytes(), System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), images, defaults.batchSize(),
                defaults.cropsPerStep(), defaults.cropSize());
        System.out.println("| sampling | patch | steps | peak heap used (MB) | heap committed (MB) | RSS before training (MB)"
                + " | peak RSS in training (MB) | peak RSS − heap committed (MB) | DenseMemory estimate of a step (MB) |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Sampling sampling : Sampling.values()) {
            for (int patch : new int[] {32, 64}) {
                System.out.println(inFreshJvm(sampling, patch, images, steps));
            }
        }
    }

    /** Runs one row in a child JVM (same java, options and classpath) and returns its table row. */
    private static String inFreshJvm(Sampling sampling, int patch, int images, int steps)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TrainingMemoryBenchmark.class.getName(), ROW,
                sampling.name(), Integer.toString(patch), "--images", Integer.toString(images), "--steps",
                Integer.toString(steps)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || last == null || !last.startsWith("|")) {
            throw new IllegalStateException("the " + sampling + " patch " + patch + " row failed (exit " + exit + ")");
        }
        return last;
    }

    /** Trains one student of a random teacher for one epoch and measures its memory. */
    private static String row(Sampling sampling, int patch, int images, int steps) {
        TrainingConfig defaults = TrainingConfig.defaults();
        TrainingConfig probe = defaults.toBuilder().patchSize(patch).sampling(sampling).studentEpochs(1).build();
        List<TrainingImage> named = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            named.add(noise(i));
        }
        int trainImages = (int) Math.round(images * (1 - probe.validationFraction()));
        // patch sampling: about `steps` batches in the one epoch
        int patchesPerImage = Math.max(1, (steps * probe.batchSize() + trainImages - 1) / trainImages);
        TrainingConfig config = probe.toBuilder().patchesPerImage(patchesPerImage).build();
        TrainingSet set = TrainingSet.prepare(named, null, config);
        NetworkSpec spec = NetworkSpec.of(config.network(), patch, set.channels());
        float[] std = new float[spec.descriptorDim()];
        Arrays.fill(std, 1f);
        TrainedNetwork teacher = new TrainedNetwork(NetworkId.DOCTOR, spec, set.normalization(),
                NetworkParameters.initial(spec, 1), new DescriptorStatistics(new float[spec.descriptorDim()], std));

        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        System.gc();
        long rssBefore = status("VmRSS");
        resetPeakResidentSet();
        long[] peakHeap = {heap.getHeapMemoryUsage().getUsed()};
        long[] atEnd = new long[3]; // steps, peak RSS, heap committed: read when the last step ends, before the statistics
        Students.train(config, set, Teacher.of(teacher), NetworkId.master(1), new TrainingListener() {
            @Override
            public void onStep(String network, int epoch, int step, int stepsPerEpoch, float loss) {
                peakHeap[0] = Math.max(peakHeap[0], heap.getHeapMemoryUsage().getUsed());
                atEnd[0]++;
            }

            @Override
            public void onEpoch(String network, int epoch, int epochs, EpochLosses losses) {
                atEnd[1] = status("VmHWM");
                atEnd[2] = heap.getHeapMemoryUsage().getCommitted();
            }
        });
        String estimate = sampling == Sampling.DENSE
                ? Long.toString(DenseMemory.stepBytes(spec, spec.maxStride(), config.cropSize(), config.cropsPerStep()) >> 20)
                : "—";
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %d | %s |",
                sampling.name().toLowerCase(Locale.ROOT), patch, atEnd[0], peakHeap[0] >> 20, atEnd[2] >> 20, rssBefore >> 20,
                atEnd[1] >> 20, (atEnd[1] - atEnd[2]) >> 20, estimate);
    }

    /** Bytes of a kB field of /proc/self/status. */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim()) << 10;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + STATUS + " (this benchmark needs Linux)", e);
        }
        throw new IllegalStateException(STATUS + " has no " + field);
    }

    /** Sets VmHWM back to the current resident set (Linux: "5" to clear_refs), so it measures training alone. */
    private static void resetPeakResidentSet() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the peak resident set in /proc/self/clear_refs", e);
        }
    }

    private static long physicalMegabytes() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() >> 20;
    }

    /** An image of noise made again on every read, as a file is decoded again: the set holds only what it keeps. */
    private static TrainingImage noise(int index) {
        return new TrainingImage() {
            @Override
            public String name() {
                return "noise-" + index;
            }

            @Override
            public FloatImage read() {
                return DenseTrainingBenchmark.noise(new Random(index));
            }
        };
    }
}

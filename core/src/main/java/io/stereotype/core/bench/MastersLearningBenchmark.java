package io.stereotype.core.bench;

import io.stereotype.core.TrainingData;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.pretrained.PretrainedDoctor;
import io.stereotype.core.train.EpochLosses;
import io.stereotype.core.train.Sampling;
import io.stereotype.core.train.Students;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How fast a master learns the pretrained doctor, by backbone blocks tapped (docs/algorithm.md, "What
 * the masters learn"): one master of the texture config on a photograph's 128-pixel grey crops,
 * its standardised regression loss (1 = predicting the doctor's normal mean) after a growing number
 * of epochs, one row per tap choice.
 *
 * <p>Usage: {@code MastersLearningBenchmark WEIGHTS PHOTO.png EPOCHS patches|dense [--network paper|wide]
 * [--learning-rate R] [--mu M] [--crop-size C] [--crops-per-step K] TAPS...}, each TAPS a comma-separated list of block indices such as
 * {@code 4,10} (the default doctor's); the options change the texture config's student.
 */
public final class MastersLearningBenchmark {
    private static final int[] REPORTED_EPOCHS = {1, 5, 10, 20, 40, 60, 80, 120, 160};

    private MastersLearningBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: MastersLearningBenchmark WEIGHTS PHOTO.png EPOCHS patches|dense"
                    + " [--network paper|wide] [--learning-rate R] [--mu M] [--crop-size C] [--crops-per-step K] TAPS...");
        }
        Path weights = Path.of(args[0]);
        int epochs = Integer.parseInt(args[2]);
        TrainingConfig.Builder builder = AccuracyBenchmark.textureConfig().toBuilder().epochs(epochs)
                .sampling(Sampling.valueOf(args[3].toUpperCase(Locale.ROOT)));
        int first = 4;
        for (; first + 1 < args.length && args[first].startsWith("--"); first += 2) {
            String value = args[first + 1];
            switch (args[first]) {
                case "--network" -> builder.network(NetworkVariant.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--learning-rate" -> builder.learningRate(Float.parseFloat(value));
                case "--mu" -> builder.mu(Float.parseFloat(value));
                case "--crop-size" -> builder.cropSize(Integer.parseInt(value));
                case "--crops-per-step" -> builder.cropsPerStep(Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown option " + args[first]);
            }
        }
        TrainingConfig config = builder.build();
        Path work = Files.createTempDirectory("stereotype-masters");
        TrainingSet set = TrainingSet.prepare(TrainingData.of(MvtecDataset.open(
                AccuracyBenchmark.textureData(Path.of(args[1]), work))).images(), null, config);
        int[] reported = Arrays.stream(REPORTED_EPOCHS).filter(e -> e <= epochs).toArray();
        System.out.println("Master 1 of the pretrained doctor on " + Path.of(args[1]).getFileName() + ", config " + config);
        StringBuilder header = new StringBuilder("| blocks tapped | descriptor size |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int e : reported) {
            header.append(" epoch ").append(e).append(" |");
            rule.append("---|");
        }
        System.out.println(header.append(" wall time |"));
        System.out.println(rule.append("---|"));
        for (int i = first; i < args.length; i++) {
            List<Integer> taps = Arrays.stream(args[i].split(",")).map(Integer::valueOf).toList();
            long start = System.nanoTime();
            PretrainedDoctor doctor = PretrainedDoctor.export(config, set, weights, work.resolve("doctor-" + i), taps);
            List<Double> regression = new ArrayList<>();
            Students.train(config, set, doctor, NetworkId.master(1), new TrainingListener() {
                @Override
                public void onEpoch(String network, int epoch, int total, EpochLosses losses) {
                    regression.add(losses.regression());
                }
            });
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %d |", taps, doctor.descriptorDim()));
            for (int e : reported) {
                row.append(String.format(Locale.ROOT, " %.3f |", regression.get(e - 1)));
            }
            System.out.println(row.append(String.format(Locale.ROOT, " %.0f s |", (System.nanoTime() - start) / 1e9)));
        }
    }
}

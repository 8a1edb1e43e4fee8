package io.stereotype.launcher;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a local run does, from the command line. Unset training values take the demo's small configuration on the
 * generated data set and the flow's defaults on a data set of the user's.
 *
 * @param data      the data set (MVTec AD layout); empty: generate the demo data set
 * @param out       where the run keeps everything: data, work folders, run records, Kestra's history
 * @param epochs    epochs of every network
 * @param masters   masters M
 * @param bachelors bachelors per master B
 * @param doctorData a labelled data set (one folder of images per class) the doctor learns to classify
 * @param modelsRoot where registered versions live (an {@code s3://} URI; the flow's default otherwise)
 */
public record LaunchOptions(Optional<Path> data, Path out, Optional<Integer> epochs, Optional<Integer> masters,
                            Optional<Integer> bachelors, Optional<Path> doctorData, Optional<String> modelsRoot) {
    public static final String USAGE = """
        usage: run-local.sh [--data DIR] [--doctor-data DIR] [--epochs N] [--masters M] [--bachelors B] [--out DIR]
                            [--models-root s3://BUCKET/PREFIX]

        Runs flows/retrain.yaml in an embedded Kestra, each step a local trainer process, and prints its progress.
          --data DIR       a data set in the MVTec AD layout (train/good, test/<defect>, ground_truth/<defect>);
                           default: a generated 128x128 weave data set with scratches and spots (in OUT/data)
          --doctor-data DIR  a labelled data set (one folder of images per class) the doctor learns to classify;
                           default: the doctor learns the rotation pretext on the normal images
          --epochs N       epochs of every network (default: %d on the generated data set, else the trainer's)
          --masters M      masters (default: %d on the generated data set, else the flow's)
          --bachelors B    bachelors per master (default: %d on the generated data set, else the flow's)
          --out DIR        where data, work folders, run records and Kestra's history go (default: work/local-run)
        With MLFLOW_TRACKING_URI (and AWS_* for its S3 artifacts) set, runs are tracked in MLflow and the model is
        registered when it passes the flow's gate (under --models-root, which MLflow needs to be an s3:// URI);
        without, run records are JSON files under OUT/work/runs.
        """.formatted(DemoConfig.EPOCHS, DemoConfig.MASTERS, DemoConfig.BACHELORS);

    /** Reads {@code --flag value} pairs; a bad flag or value is a {@link UsageException} that names it. */
    public static LaunchOptions parse(String... args) {
        Optional<Path> data = Optional.empty();
        Path out = Path.of("work", "local-run");
        Optional<Integer> epochs = Optional.empty();
        Optional<Integer> masters = Optional.empty();
        Optional<Integer> bachelors = Optional.empty();
        Optional<Path> doctorData = Optional.empty();
        Optional<String> modelsRoot = Optional.empty();
        for (int i = 0; i < args.length; i += 2) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new UsageException(null);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args[i + 1];
            switch (flag) {
                case "--data" -> data = Optional.of(Path.of(value));
                case "--out" -> out = Path.of(value);
                case "--epochs" -> epochs = Optional.of(positive(flag, value));
                case "--masters" -> masters = Optional.of(positive(flag, value));
                case "--bachelors" -> bachelors = Optional.of(positive(flag, value));
                case "--doctor-data" -> doctorData = Optional.of(Path.of(value).toAbsolutePath().normalize());
                case "--models-root" -> modelsRoot = Optional.of(s3(flag, value));
                default -> throw new UsageException("unknown option " + flag);
            }
        }
        return new LaunchOptions(data, out.toAbsolutePath().normalize(), epochs, masters, bachelors, doctorData, modelsRoot);
    }

    private static String s3(String flag, String value) {
        if (!value.startsWith("s3://") || value.length() <= "s3://".length()) {
            throw new UsageException(flag + " takes an s3:// URI (MLflow accepts no local folder as a version's source), not '"
                    + value + "'");
        }
        return value;
    }

    private static int positive(String flag, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the flag
        }
        throw new UsageException(flag + " takes a whole number of at least 1, not '" + value + "'");
    }

    /** A command line that cannot run; a null message asks for the usage text alone. */
    public static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}

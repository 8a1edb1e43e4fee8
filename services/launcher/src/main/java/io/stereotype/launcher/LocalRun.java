package io.stereotype.launcher;

import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.Flow;
import io.kestra.core.models.flows.State;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The one-command local run: starts an embedded Kestra, loads the flows of flows/, runs {@code retrain} with every
 * step a local trainer process, prints its progress and a summary. No server, no Docker: data, work folders, run
 * records and Kestra's history all go under the output folder; MLflow and S3 are used when the environment names
 * them ({@code MLFLOW_TRACKING_URI}, {@code AWS_*}), as the trainer processes inherit it.
 *
 * <p>System properties (set by scripts/run-local.sh, with defaults for a run from the repository root):
 * {@code stereotype.trainer.jar}, {@code stereotype.flows.dir}, {@code stereotype.controller.port}.
 */
public final class LocalRun {
    static final int OK = 0;
    static final int EXECUTION_FAILED = 1;
    static final int USAGE = 2;

    private static final String NAMESPACE = "io.stereotype";
    private static final String FLOW = "retrain";
    private static final Duration RUN_TIMEOUT = Duration.ofHours(4);

    private LocalRun() {
    }

    public static void main(String[] args) {
        int code = EXECUTION_FAILED;
        try {
            code = run(args, System.getenv(), System.out);
        } finally {
            // always exit: Kestra's non-daemon threads would keep the JVM alive after an unexpected error
            System.exit(code);
        }
    }

    /** Runs and returns the exit code: 0 success, 1 the execution failed, 2 the run could not start. */
    static int run(String[] args, Map<String, String> environment, PrintStream out) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (LaunchOptions.UsageException e) {
            if (e.getMessage() != null) {
                out.println("error: " + e.getMessage());
            }
            out.print(LaunchOptions.USAGE);
            return e.getMessage() == null ? OK : USAGE;
        }
        try {
            return run(options, environment, out);
        } catch (SetupException e) {
            out.println("error: " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            out.println("error: the local run failed: " + e);
            e.printStackTrace(out);
            return EXECUTION_FAILED;
        }
    }

    private static int run(LaunchOptions options, Map<String, String> environment, PrintStream out) throws Exception {
        List<String> trainer = trainerCommand();
        Path flows = existing("stereotype.flows.dir", "flows", "the flows folder");
        Path dataset = dataset(options, out);
        // the trainer's rule (mlops MlflowSettings): an http(s) MLFLOW_TRACKING_URI means MLflow, anything else local records
        boolean mlflow = environment.getOrDefault("MLFLOW_TRACKING_URI", "").strip().matches("(?i)https?://.+");
        Path retrains = options.out().resolve("work");

        out.println("starting Kestra (executor, worker, scheduler, indexer; history in " + options.out().resolve("kestra") + ")");
        try (EmbeddedKestra kestra = EmbeddedKestra.start(options.out().resolve("kestra"), controllerPort())) {
            kestra.loadFlows(flows);
            Flow flow = kestra.flow(NAMESPACE, FLOW);
            Execution started = kestra.execute(flow, execution -> RetrainInputs.of(options, dataset, options.data().isEmpty(),
                mlflow, trainer, retrains.resolve(execution.getId())));
            Path folder = retrains.resolve(started.getId());
            // the trainer keeps run records beside the retrain's work folder (services/trainer Runs.besideWork)
            Path runRecords = folder.resolve("runs");
            out.printf("running %s.%s, execution %s, on %s%n", NAMESPACE, FLOW, started.getId(), dataset);
            out.println(mlflow ? "tracking in MLflow at " + environment.get("MLFLOW_TRACKING_URI")
                : "no MLFLOW_TRACKING_URI: run records go to " + runRecords + ", nothing is registered");

            Execution ended = new ProgressPrinter(kestra.executions(), flow, out).follow(started.getId(), RUN_TIMEOUT);
            RunSummary summary = new RunSummary(kestra, flow, out);
            if (ended.getState().getCurrent() != State.Type.SUCCESS) {
                summary.failure(ended);
                return EXECUTION_FAILED;
            }
            summary.success(ended, mlflow ? null : runRecords);
            return OK;
        }
    }

    /** The data set of --data, or the demo data set, generated into the output folder the first time. */
    private static Path dataset(LaunchOptions options, PrintStream out) throws IOException {
        if (options.data().isPresent()) {
            Path data = options.data().get().toAbsolutePath().normalize();
            if (!Files.isDirectory(data)) {
                throw new SetupException("data set " + data + " does not exist or is not a folder");
            }
            return data;
        }
        TextureDataset demo = DemoConfig.DATASET;
        Path data = options.out().resolve("data").resolve("weave-" + demo.size() + "-seed-" + demo.seed());
        if (!Files.isDirectory(data)) {
            out.println("generating the demo data set in " + data);
            demo.writeTo(data);
        }
        return data;
    }

    /** The packaged trainer, started by this JVM's java (the trainer needs the same Java 25). */
    private static List<String> trainerCommand() {
        Path jar = existing("stereotype.trainer.jar", "services/trainer/target/quarkus-app/quarkus-run.jar", "the trainer");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString());
    }

    private static Path existing(String property, String fallback, String what) {
        Path path = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new SetupException(what + " is not at " + path + ": run scripts/run-local.sh from the repository root"
                + " (it builds what is missing), or set -D" + property);
        }
        return path;
    }

    /** The worker reaches the controller over gRPC on this port; it must be free. */
    private static int controllerPort() {
        String port = System.getProperty("stereotype.controller.port", "50081");
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new SetupException("stereotype.controller.port must be a port number, not '" + port + "'");
        }
    }

    /** Something missing before Kestra starts: the message says what and how to fix it. */
    static final class SetupException extends RuntimeException {
        SetupException(String message) {
            super(message);
        }
    }
}

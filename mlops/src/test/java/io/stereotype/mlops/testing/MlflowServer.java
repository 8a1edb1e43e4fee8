package io.stereotype.mlops.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code mlflow server} process (from the project's virtualenv, see scripts/mlflow-venv.sh)
 * with a SQLite backend store and its artifacts proxied to {@code s3://mlflow/mlartifacts} on an
 * {@link EmbeddedS3}. Its log goes to {@code target/mlflow-server.log} of the module under test.
 */
public final class MlflowServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MlflowServer.class);
    public static final String ARTIFACTS_BUCKET = "mlflow";
    public static final String ARTIFACTS_PREFIX = "mlartifacts";
    private static final Duration VENV_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final URI trackingUri;
    private final EmbeddedS3 s3;
    private final Path log;
    private final Path mlflow;
    private final Thread killOnExit;

    private MlflowServer(Process process, URI trackingUri, EmbeddedS3 s3, Path log, Path mlflow) {
        this.mlflow = mlflow;
        this.process = process;
        this.trackingUri = trackingUri;
        this.s3 = s3;
        this.log = log;
        // a JVM killed mid-run (Ctrl-C, surefire timeout) must not leave the server behind
        this.killOnExit = new Thread(this::stopProcessTree, "stop-mlflow-server");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    public static MlflowServer start(EmbeddedS3 s3) throws Exception {
        Path target = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target"));
        Path mlflow = mlflowExecutable(target);
        s3.bucket(ARTIFACTS_BUCKET);
        int port = freePort();
        Path store = Files.createTempDirectory(target, "mlflow-store-");
        Path log = target.resolve("mlflow-server.log");
        ProcessBuilder builder = new ProcessBuilder(mlflow.toString(), "server",
                "--backend-store-uri", "sqlite:///" + store.toAbsolutePath() + "/mlflow.db",
                "--artifacts-destination", "s3://" + ARTIFACTS_BUCKET + "/" + ARTIFACTS_PREFIX,
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--workers", "1")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        // the developer's own MLflow/AWS settings must not leak into the test server
        env.keySet().removeIf(name -> name.startsWith("MLFLOW_") || name.startsWith("AWS_"));
        env.put("MLFLOW_S3_ENDPOINT_URL", s3.endpoint());
        env.put("AWS_ACCESS_KEY_ID", EmbeddedS3.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", EmbeddedS3.SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", s3.settings().region());
        // the background job runner (GenAI features) forks a handful of Python workers that only cost CPU here
        env.put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
        long started = System.nanoTime();
        MlflowServer server = new MlflowServer(builder.start(), URI.create("http://127.0.0.1:" + port), s3, log, mlflow);
        try {
            server.awaitHealthy();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        LOG.info("mlflow server ready at {} in {} ms (log: {})", server.trackingUri, (System.nanoTime() - started) / 1_000_000, log);
        return server;
    }

    /** The tracking URI to give the code under test (MLFLOW_TRACKING_URI). */
    public URI trackingUri() {
        return trackingUri;
    }

    /** The S3 server holding the proxied artifacts. */
    public EmbeddedS3 s3() {
        return s3;
    }

    public Path log() {
        return log;
    }

    /** The Python of the server's virtualenv: MLflow's Python client, as MLflow users run it. */
    public Path python() {
        return mlflow.resolveSibling("python");
    }

    @Override
    public void close() {
        stopProcessTree();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to undo
        }
    }

    /** The server forks workers: they are listed before the parent dies, or they would be orphaned out of reach. */
    private void stopProcessTree() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(trackingUri.resolve("/health")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mlflow server exited with code " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the server is still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("mlflow server not healthy at " + trackingUri + " after " + START_TIMEOUT + ":\n" + tail(log));
    }

    /** Runs scripts/mlflow-venv.sh (quick when the virtualenv is already in place) and returns what it prints. */
    private static Path mlflowExecutable(Path target) throws Exception {
        Path script = repositoryRoot().resolve("scripts/mlflow-venv.sh");
        Path log = target.resolve("mlflow-venv.log");
        Process process = new ProcessBuilder("bash", script.toString())
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean done = process.waitFor(VENV_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!done || process.exitValue() != 0 || printed.isEmpty() || !Files.isExecutable(Path.of(printed))) {
            process.destroyForcibly();
            throw new IllegalStateException("could not prepare MLflow for the tests: run " + script
                    + " and fix what it reports (its output: " + log + ")\n" + tail(log));
        }
        return Path.of(printed);
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/mlflow-venv.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("scripts/mlflow-venv.sh not found above " + System.getProperty("user.dir"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}

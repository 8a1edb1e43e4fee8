package io.stereotype.scorer.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged scorer ({@code java -jar target/quarkus-app/quarkus-run.jar}) running as a separate process. */
final class ScorerProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final URI base;
    private final Path log;

    private ScorerProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts the jar with the given environment (on top of this JVM's, minus MLflow and AWS settings)
     * and system properties, and waits until it reports ready.
     */
    static ScorerProcess start(String name, Map<String, String> env, Map<String, String> properties) throws Exception {
        Path jar = Path.of(System.getProperty("scorer.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("packaged scorer not found at " + jar + ": run mvn package first");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dquarkus.http.port=" + port);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Path.of("target", "scorer-" + name + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("MLFLOW_") || key.startsWith("AWS_") || key.startsWith("STEREOTYPE_"));
        builder.environment().putAll(env);
        ScorerProcess scorer = new ScorerProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log);
        try {
            scorer.awaitReady();
        } catch (Exception e) {
            scorer.close();
            throw e;
        }
        return scorer;
    }

    URI base() {
        return base;
    }

    Path log() {
        return log;
    }

    /** The process's resident memory (Linux: VmRSS of /proc/PID/status). */
    long residentBytes() throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"));
        String line = status.lines().filter(l -> l.startsWith("VmRSS:")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no VmRSS in /proc/" + process.pid() + "/status"));
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
    }

    /** The log lines at ERROR level: a client's mistake must never produce one. */
    List<String> errorLines() throws IOException {
        return logText().lines().filter(line -> line.matches("^\\S+ \\S+ ERROR .*")).toList();
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("scorer exited with code " + process.exitValue() + "; log " + log + ":\n" + logText());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("scorer not ready after " + READY_TIMEOUT + "; log " + log + ":\n" + logText());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.stereotype.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged trainer exactly as a Kestra Process task runner does: {@code java -jar
 * target/quarkus-app/quarkus-run.jar <command> ...}, with a clean environment plus the given variables.
 */
final class TrainerProcess {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<String, String> environment = new HashMap<>();

    TrainerProcess(Path cacheDir) {
        environment.put("STEREOTYPE_CACHE_DIR", cacheDir.toString());
        environment.put("TF_CPP_MIN_LOG_LEVEL", "2");
        // fail fast in fault tests; a real deployment keeps the default backoff
        environment.put("STEREOTYPE_RETRY_ATTEMPTS", "2");
        environment.put("STEREOTYPE_RETRY_INITIAL_DELAY", "PT0.2S");
        // the test data folder (scripts/test.sh, the pom's stereotype.data) holds the pretrained doctor's weights
        String data = System.getProperty("stereotype.data");
        if (data != null && !data.isBlank()) {
            environment.put("STEREOTYPE_DATA", data);
        }
    }

    TrainerProcess env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    TrainerProcess withServices(String mlflowUri, String s3Endpoint, String accessKey, String secretKey) {
        env("MLFLOW_TRACKING_URI", mlflowUri);
        env("AWS_ENDPOINT_URL_S3", s3Endpoint);
        env("AWS_ACCESS_KEY_ID", accessKey);
        env("AWS_SECRET_ACCESS_KEY", secretKey);
        return env("AWS_REGION", "us-east-1");
    }

    Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", System.getProperty("trainer.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("MLFLOW_") || k.startsWith("AWS_") || k.startsWith("STEREOTYPE_"));
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile("trainer", ".out");
        Path stderr = Files.createTempFile("trainer", ".err");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("trainer " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        Result result = new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        Files.delete(stdout);
        Files.delete(stderr);
        return result;
    }

    record Result(int exitCode, String stdout, String stderr) {
        /** The {@code outputs} of the Kestra output line, which must be printed exactly once. */
        JsonNode outputs() throws IOException {
            List<String> lines = stdout.lines().filter(l -> l.startsWith("::{") && l.endsWith("}::")).toList();
            if (lines.size() != 1) {
                throw new AssertionError("expected one output line, got " + lines.size() + "\n" + this);
            }
            String line = lines.getFirst();
            return MAPPER.readTree(line.substring(2, line.length() - 2)).get("outputs");
        }

        String output(String key) throws IOException {
            JsonNode value = outputs().get(key);
            if (value == null) {
                throw new AssertionError("no output " + key + " in " + outputs());
            }
            return value.asText();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}

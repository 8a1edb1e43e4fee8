package io.stereotype.mlops.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code MLmodel} file that makes a folder an MLflow Model: {@code mlflow.models.Model.load} reads it, the
 * registry UI shows its flavors. Written as YAML by hand (scalars only, each JSON-quoted, which YAML reads as
 * double-quoted strings) so that this module needs no YAML library.
 *
 * @param flavor       the flavor's name, e.g. {@code stereotype}
 * @param flavorConfig what a loader of the flavor needs (scalar values: strings, numbers, booleans)
 * @param runId        the run whose artifacts hold the model
 * @param artifactPath the model's folder among the run's artifacts
 */
public record MlModelFile(String flavor, Map<String, ?> flavorConfig, String runId, String artifactPath) {
    public static final String FILE = "MLmodel";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MLFLOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    public MlModelFile {
        flavorConfig = Map.copyOf(flavorConfig);
        flavorConfig.forEach((key, value) -> {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("flavor value " + key + " must be a string, number or boolean, got " + value);
            }
        });
    }

    /** The file's text; {@code created} and {@code modelUuid} as MLflow writes them. */
    public String render(Instant created, UUID modelUuid) {
        StringBuilder yaml = new StringBuilder()
                .append("artifact_path: ").append(quote(artifactPath)).append('\n')
                .append("flavors:\n")
                .append("  ").append(flavor).append(":\n");
        flavorConfig.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                yaml.append("    ").append(e.getKey()).append(": ").append(scalar(e.getValue())).append('\n'));
        return yaml.append("model_uuid: ").append(quote(modelUuid.toString().replace("-", ""))).append('\n')
                .append("run_id: ").append(quote(runId)).append('\n')
                .append("utc_time_created: ").append(quote(MLFLOW_TIME.format(created))).append('\n')
                .toString();
    }

    /** Writes {@code folder/MLmodel}. */
    public Path write(Path folder) {
        Path file = folder.resolve(FILE);
        try {
            Files.createDirectories(folder);
            Files.writeString(file, render(Instant.now(), UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static String scalar(Object value) {
        return value instanceof String text ? quote(text) : String.valueOf(value);
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

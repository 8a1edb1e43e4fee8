package io.stereotype.mlops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.mlflow.MlflowException;
import io.stereotype.mlops.mlflow.MlflowRest;
import io.stereotype.mlops.mlflow.MlflowSettings;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link ModelRegistry} on MLflow's model registry REST API (the Java client's registry calls are read-only). */
public final class MlflowModelRegistry implements ModelRegistry {
    /** MLflow run ids are hex; checked because the id goes into a search filter. */
    private static final Pattern RUN_ID = Pattern.compile("[0-9A-Za-z_-]+");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final MlflowRest rest;
    private final MlflowSettings settings;

    public MlflowModelRegistry(MlflowSettings settings, RetryPolicy retryPolicy) {
        this.rest = new MlflowRest(settings, retryPolicy);
        this.settings = settings;
    }

    @Override
    public ModelVersion registerVersion(String name, URI source, String runId, String description) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("invalid MLflow run id '" + runId + "'");
        }
        createRegisteredModelIfMissing(name);
        Optional<ModelVersion> existing = versionsOfRun(runId).stream()
                .filter(v -> v.name().equals(name) && v.source().equals(source.toString()))
                .min(Comparator.comparingInt(ModelVersion::version));
        if (existing.isPresent()) {
            return existing.get();
        }
        return modelVersion(rest.post("model-versions/create", Map.of("name", name, "source", source.toString(), "run_id", runId,
                "run_link", runLink(runId), "description", description == null ? "" : description)));
    }

    /** The run's page in the MLflow UI of this server. */
    private String runLink(String runId) {
        String experimentId = rest.get("runs/get", Map.of("run_id", runId)).path("run").path("info").path("experiment_id").asText();
        return settings.endpoint() + "/#/experiments/" + experimentId + "/runs/" + runId;
    }

    private void createRegisteredModelIfMissing(String name) {
        try {
            rest.post("registered-models/create", Map.of("name", name));
        } catch (MlflowException e) {
            if (!MlflowException.RESOURCE_ALREADY_EXISTS.equals(e.errorCode())) {
                throw e;
            }
        }
    }

    private List<ModelVersion> versionsOfRun(String runId) {
        List<ModelVersion> versions = new ArrayList<>();
        String pageToken = "";
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("filter", "run_id='" + runId + "'");
            query.put("max_results", "1000");
            if (!pageToken.isEmpty()) {
                query.put("page_token", pageToken);
            }
            JsonNode page = rest.get("model-versions/search", query);
            page.path("model_versions").forEach(version -> versions.add(parse(version)));
            pageToken = page.path("next_page_token").asText("");
        } while (!pageToken.isEmpty());
        return versions;
    }

    @Override
    public ModelVersion awaitReady(String name, int version, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ModelVersion current = resolve(ModelUri.version(name, version));
            if (ModelVersion.READY.equals(current.status())) {
                return current;
            }
            if ("FAILED_REGISTRATION".equals(current.status())) {
                throw new IllegalStateException("registration of " + current.uri() + " failed in MLflow");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(current.uri() + " not READY after " + timeout + " (status " + current.status() + ")");
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + current.uri() + " to be READY", e);
            }
        }
    }

    @Override
    public void setTags(String name, int version, Map<String, String> tags) {
        tags.forEach((key, value) -> rest.post("model-versions/set-tag",
                Map.of("name", name, "version", Integer.toString(version), "key", key, "value", value)));
    }

    @Override
    public Optional<Integer> setAlias(String name, String alias, int version) {
        Optional<Integer> previous = aliasHolder(name, alias).map(ModelVersion::version);
        rest.post("registered-models/alias", Map.of("name", name, "alias", alias, "version", Integer.toString(version)));
        return previous;
    }

    @Override
    public void deleteAlias(String name, String alias) {
        rest.delete("registered-models/alias", Map.of("name", name, "alias", alias));
    }

    @Override
    public Optional<ModelVersion> aliasHolder(String name, String alias) {
        try {
            return Optional.of(resolve(ModelUri.alias(name, alias)));
        } catch (ModelNotFoundException unset) {
            return Optional.empty();
        }
    }

    @Override
    public ModelVersion resolve(ModelUri uri) {
        try {
            return uri.alias() != null
                    ? modelVersion(rest.get("registered-models/alias", Map.of("name", uri.name(), "alias", uri.alias())))
                    : modelVersion(rest.get("model-versions/get", Map.of("name", uri.name(), "version", uri.version().toString())));
        } catch (MlflowException e) {
            if (isNotFound(e)) {
                throw new ModelNotFoundException(uri, e);
            }
            throw e;
        }
    }

    /** MLflow answers an unset alias with 400 INVALID_PARAMETER_VALUE "... not found", other misses with 404. */
    private static boolean isNotFound(MlflowException e) {
        return e.statusCode() == 404 || MlflowException.RESOURCE_DOES_NOT_EXIST.equals(e.errorCode())
                || "INVALID_PARAMETER_VALUE".equals(e.errorCode()) && e.getMessage().contains("not found");
    }

    private static ModelVersion modelVersion(JsonNode response) {
        return parse(response.path("model_version"));
    }

    private static ModelVersion parse(JsonNode version) {
        Map<String, String> tags = new HashMap<>();
        version.path("tags").forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
        List<String> aliases = new ArrayList<>();
        version.path("aliases").forEach(alias -> aliases.add(alias.asText()));
        return new ModelVersion(version.path("name").asText(), Integer.parseInt(version.path("version").asText()),
                version.path("source").asText(), version.path("run_id").asText(), version.path("status").asText(), tags, aliases);
    }
}

package io.stereotype.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereotype.mlops.testing.MlflowApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads back what the trainer stored in the real MLflow server, through its REST API. */
final class MlflowQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI trackingUri;
    final MlflowApi api;

    MlflowQueries(URI trackingUri) {
        this.trackingUri = trackingUri;
        this.api = new MlflowApi(trackingUri);
    }

    JsonNode run(String runId) throws Exception {
        return api.get("mlflow/runs/get", "run_id", runId).path("run");
    }

    /** The parent's child runs by run name. */
    Map<String, JsonNode> children(String parentRunId) throws Exception {
        String experimentId = run(parentRunId).path("info").path("experiment_id").asText();
        String body = JSON.writeValueAsString(Map.of("experiment_ids", List.of(experimentId),
                "filter", "tags.mlflow.parentRunId = '" + parentRunId + "'", "max_results", 100));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(trackingUri + "/api/2.0/mlflow/runs/search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("runs/search answered " + response.statusCode() + ": " + response.body());
        }
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode run : JSON.readTree(response.body()).path("runs")) {
            byName.put(run.path("info").path("run_name").asText(), run);
        }
        return byName;
    }

    String param(JsonNode run, String key) {
        for (JsonNode p : run.path("data").path("params")) {
            if (p.path("key").asText().equals(key)) {
                return p.path("value").asText();
            }
        }
        return null;
    }

    String tag(JsonNode run, String key) {
        for (JsonNode t : run.path("data").path("tags")) {
            if (t.path("key").asText().equals(key)) {
                return t.path("value").asText();
            }
        }
        return null;
    }

    String versionTag(JsonNode version, String key) {
        for (JsonNode t : version.path("tags")) {
            if (t.path("key").asText().equals(key)) {
                return t.path("value").asText();
            }
        }
        return null;
    }

    JsonNode metricHistory(String runId, String key) throws Exception {
        return api.get("mlflow/metrics/get-history", "run_id", runId, "metric_key", key).path("metrics");
    }

    JsonNode artifacts(String runId, String path) throws Exception {
        return api.get("mlflow/artifacts/list", "run_id", runId, "path", path).path("files");
    }

    String aliasVersion(String model, String alias) throws Exception {
        return api.get("mlflow/registered-models/alias", "name", model, "alias", alias).path("model_version").path("version").asText();
    }

    JsonNode versions(String model) throws Exception {
        return api.get("mlflow/model-versions/search", "filter", "name='" + model + "'").path("model_versions");
    }
}

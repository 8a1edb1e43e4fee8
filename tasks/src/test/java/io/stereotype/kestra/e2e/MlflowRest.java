package io.stereotype.kestra.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereotype.mlops.testing.MlflowApi;
import io.stereotype.mlops.testing.MlflowServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the MLflow server stored, read over its REST API independently of the trainer. GETs go through the mlops
 * test-jar's {@link MlflowApi}; searching runs and creating versions are POSTs, which it does not offer.
 */
final class MlflowRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI trackingUri;
    private final MlflowApi api;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    MlflowRest(MlflowServer mlflow) {
        this.trackingUri = mlflow.trackingUri();
        this.api = new MlflowApi(trackingUri);
    }

    JsonNode get(String path, String... query) throws Exception {
        return api.get(path, query);
    }

    /** POST {@code /api/2.0/<path>} with a JSON body; fails unless HTTP 200. */
    JsonNode post(String path, Map<String, ?> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(trackingUri + "/api/2.0/" + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("POST " + path + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    JsonNode run(String runId) throws Exception {
        return get("mlflow/runs/get", "run_id", runId).path("run");
    }

    /** Every run whose {@code mlflow.parentRunId} tag names the parent, in the parent's experiment. */
    List<JsonNode> children(String parentRunId) throws Exception {
        String experiment = run(parentRunId).path("info").path("experiment_id").asText();
        JsonNode found = post("mlflow/runs/search", Map.of("experiment_ids", List.of(experiment),
            "filter", "tags.mlflow.parentRunId = '" + parentRunId + "'", "max_results", 1000));
        List<JsonNode> runs = new ArrayList<>();
        found.path("runs").forEach(runs::add);
        return runs;
    }

    /** The versions of a registered model; none when the model does not exist (yet). */
    List<JsonNode> versions(String model) throws Exception {
        List<JsonNode> versions = new ArrayList<>();
        get("mlflow/model-versions/search", "filter", "name='" + model + "'").path("model_versions").forEach(versions::add);
        return versions;
    }

    /** Creates a version of the model (and the model, the first time); returns its number. */
    int createVersion(String model, String source) throws Exception {
        if (versions(model).isEmpty()) {
            post("mlflow/registered-models/create", Map.of("name", model));
        }
        return post("mlflow/model-versions/create", Map.of("name", model, "source", source)).path("model_version").path("version").asInt();
    }

    /** The version the alias points at ({@code registered-models/alias}); fails when it points nowhere. */
    int aliasVersion(String model, String alias) throws Exception {
        return get("mlflow/registered-models/alias", "name", model, "alias", alias).path("model_version").path("version").asInt();
    }

    /** Every alias the model has, e.g. none before the first promotion. */
    List<String> aliases(String model) throws Exception {
        List<String> aliases = new ArrayList<>();
        get("mlflow/registered-models/get", "name", model).path("registered_model").path("aliases")
            .forEach(held -> aliases.add(held.path("alias").asText()));
        return aliases;
    }
}

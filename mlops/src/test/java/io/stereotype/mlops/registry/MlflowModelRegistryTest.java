package io.stereotype.mlops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.ServiceUnavailableException;
import io.stereotype.mlops.mlflow.MlflowSettings;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.testing.MlflowApi;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import io.stereotype.mlops.tracking.MlflowRunTracker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(MlflowServerExtension.class)
class MlflowModelRegistryTest {
    private static final RetryPolicy FAST = RetryPolicy.of(3, Duration.ofMillis(10));

    private MlflowServer mlflow;
    private MlflowApi api;
    private MlflowModelRegistry registry;
    private String model;

    @BeforeEach
    void connect(MlflowServer mlflow) {
        this.mlflow = mlflow;
        this.api = new MlflowApi(mlflow.trackingUri());
        this.registry = new MlflowModelRegistry(MlflowSettings.of(mlflow.trackingUri()), FAST);
        this.model = "stereotype-" + UUID.randomUUID();
    }

    @Test
    void registeringTheSameRunTwiceCreatesOneVersion() throws Exception {
        String runId = newRun();
        URI source = URI.create("s3://models/" + runId + "/bundle");

        ModelVersion first = registry.registerVersion(model, source, runId);
        ModelVersion again = registry.registerVersion(model, source, runId);

        assertEquals(1, first.version());
        assertEquals(first, again);
        assertEquals(source, first.sourceUri());
        assertEquals(runId, first.runId());
        JsonNode versions = api.get("mlflow/model-versions/search", "filter", "name='" + model + "'").path("model_versions");
        assertEquals(1, versions.size());
        assertEquals(ModelVersion.READY, registry.awaitReady(model, 1, Duration.ofSeconds(30)).status());
    }

    @Test
    void versionsAreTaggedWithMetrics() throws Exception {
        String runId = newRun();
        ModelVersion version = registry.registerVersion(model, URI.create("s3://models/" + runId), runId);

        registry.setTags(model, version.version(), Map.of("image_auroc", "0.97", "pixel_auroc", "0.95"));

        JsonNode stored = api.get("mlflow/model-versions/get", "name", model, "version", "1").path("model_version");
        assertEquals(2, stored.path("tags").size());
        assertEquals(Map.of("image_auroc", "0.97", "pixel_auroc", "0.95"), registry.resolve("models:/" + model + "/1").tags());
    }

    @Test
    void aliasIsSetMovedAndRolledBack() throws Exception {
        int v1 = register();
        int v2 = register();

        assertEquals(Optional.empty(), registry.setAlias(model, "production", v1));
        assertEquals(v1, registry.resolve("models:/" + model + "@production").version());
        assertEquals(Optional.of(v1), registry.setAlias(model, "production", v2));
        ModelVersion current = registry.resolve("models:/" + model + "@production");
        assertEquals(v2, current.version());
        assertTrue(current.aliases().contains("production"));
        assertEquals(String.valueOf(v2), api.get("mlflow/registered-models/alias", "name", model, "alias", "production")
                .path("model_version").path("version").asText());

        int rolledBackFrom = registry.setAlias(model, "production", v1).orElseThrow();

        assertEquals(v2, rolledBackFrom);
        assertEquals(v1, registry.resolve(ModelUri.alias(model, "production")).version());
        registry.deleteAlias(model, "production");
        assertEquals(Optional.empty(), registry.aliasHolder(model, "production"));
    }

    @Test
    void unknownAliasOrVersionIsReportedByUri() throws Exception {
        register();
        var alias = assertThrows(ModelNotFoundException.class, () -> registry.resolve("models:/" + model + "@nope"));
        assertTrue(alias.getMessage().contains("models:/" + model + "@nope"), alias.getMessage());
        assertThrows(ModelNotFoundException.class, () -> registry.resolve("models:/" + model + "/99"));
        assertThrows(ModelNotFoundException.class, () -> registry.resolve("models:/no-such-model@production"));
    }

    @Test
    void unreachableRegistryFailsAfterRetries() throws Exception {
        URI dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        var down = new MlflowModelRegistry(MlflowSettings.of(dead), FAST);
        var e = assertThrows(ServiceUnavailableException.class, () -> down.resolve("models:/m@production"));
        assertTrue(e.getMessage().startsWith("MLflow endpoint " + dead + " unreachable after 3 attempts: "), e.getMessage());
    }

    private int register() throws Exception {
        String runId = newRun();
        return registry.registerVersion(model, URI.create("s3://models/" + runId + "/bundle"), runId).version();
    }

    private String newRun() throws Exception {
        try (var stores = new ArtifactStores(mlflow.s3().settings(), FAST);
             var tracker = new MlflowRunTracker(MlflowSettings.of(mlflow.trackingUri()), stores, FAST)) {
            return tracker.startRun(tracker.experiment("registry-test"), "pipeline").runId();
        }
    }
}

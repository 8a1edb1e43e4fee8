package io.stereotype.mlops.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.ServiceUnavailableException;
import io.stereotype.mlops.mlflow.MlflowSettings;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.Folders;
import io.stereotype.mlops.testing.MlflowApi;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(MlflowServerExtension.class)
class MlflowRunTrackerTest {
    private static final RetryPolicy FAST = RetryPolicy.of(3, Duration.ofMillis(10));

    @TempDir
    Path tmp;
    private MlflowServer mlflow;
    private MlflowApi api;
    private ArtifactStores stores;
    private MlflowRunTracker tracker;

    @BeforeEach
    void connect(MlflowServer mlflow) {
        this.mlflow = mlflow;
        this.api = new MlflowApi(mlflow.trackingUri());
        this.stores = new ArtifactStores(mlflow.s3().settings(), FAST);
        this.tracker = new MlflowRunTracker(MlflowSettings.of(mlflow.trackingUri()), stores, FAST);
    }

    @AfterEach
    void close() throws Exception {
        tracker.close();
        stores.close();
    }

    @Test
    void parentAndChildRunsWithParamsMetricsAndTags() throws Exception {
        String experimentId = tracker.experiment("retrain-" + UUID.randomUUID());
        TrackedRun parent = tracker.startRun(experimentId, "pipeline");
        TrackedRun child = tracker.startChildRun(parent.runId(), "master-2");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("masters", 3);
        config.put("learningRate", 1e-4);
        config.put("notes", "x".repeat(7000));
        for (int i = 0; i < 150; i++) {
            config.put("extra." + i, i); // more than one logBatch request can hold
        }
        tracker.logParams(child.runId(), config);
        List<Metric> losses = new ArrayList<>();
        for (int epoch = 0; epoch < 5; epoch++) {
            losses.add(Metric.of("loss", 1.0 / (epoch + 1), epoch));
        }
        tracker.logMetrics(child.runId(), losses);
        tracker.setTags(child.runId(), Map.of("network", "master", "index", "2"));
        tracker.endRun(child.runId(), RunStatus.FINISHED);
        tracker.endRun(parent.runId(), RunStatus.FAILED);

        JsonNode run = api.get("mlflow/runs/get", "run_id", child.runId()).path("run");
        assertEquals("master-2", run.path("info").path("run_name").asText());
        assertEquals(experimentId, run.path("info").path("experiment_id").asText());
        assertEquals("FINISHED", run.path("info").path("status").asText());
        Map<String, String> params = keyValues(run.path("data").path("params"));
        assertEquals("3", params.get("masters"));
        assertEquals("1.0E-4", params.get("learningRate"));
        assertEquals(6000, params.get("notes").length());
        assertEquals(153, params.size());
        Map<String, String> tags = keyValues(run.path("data").path("tags"));
        assertEquals(parent.runId(), tags.get("mlflow.parentRunId"));
        assertEquals("master", tags.get("network"));
        JsonNode history = api.get("mlflow/metrics/get-history", "run_id", child.runId(), "metric_key", "loss").path("metrics");
        assertEquals(5, history.size());
        for (JsonNode point : history) {
            long step = point.path("step").asLong();
            assertEquals(1.0 / (step + 1), point.path("value").asDouble(), 1e-12);
        }
        assertEquals("FAILED", api.get("mlflow/runs/get", "run_id", parent.runId()).path("run").path("info").path("status").asText());

        RunRecord record = tracker.getRun(child.runId());
        assertEquals(parent.runId(), record.parentRunId().orElseThrow());
        assertEquals(0.2, record.latestMetrics().get("loss"), 1e-12);
        assertEquals(RunStatus.FINISHED, record.status());
    }

    @Test
    void runsCarryTheirOriginTheirDataSetAndEndOnce() throws Exception {
        RunOrigin origin = new RunOrigin("ops", RunOrigin.JOB, "stereotype-trainer 1.0", Map.of("kestra.execution_id", "e1"));
        try (var tagged = new MlflowRunTracker(MlflowSettings.of(mlflow.trackingUri()), stores, FAST, origin)) {
            String experimentId = tagged.experiment("origin-" + UUID.randomUUID());
            TrackedRun parent = tagged.startRun(experimentId, "retrain");
            TrackedRun done = tagged.startChildRun(parent.runId(), "doctor");
            TrackedRun running = tagged.startChildRun(parent.runId(), "master-1");
            tagged.logDataset(parent.runId(), DatasetInput.of(URI.create("s3://datasets/bottles/"), "ab".repeat(32), DatasetInput.TRAINING));
            tagged.endRun(done.runId(), RunStatus.FINISHED);
            long ended = api.get("mlflow/runs/get", "run_id", done.runId()).path("run").path("info").path("end_time").asLong();
            Thread.sleep(5);
            tagged.endRun(done.runId(), RunStatus.FINISHED);

            JsonNode run = api.get("mlflow/runs/get", "run_id", parent.runId()).path("run");
            Map<String, String> tags = keyValues(run.path("data").path("tags"));
            assertEquals("ops", tags.get("mlflow.user"));
            assertEquals("JOB", tags.get("mlflow.source.type"));
            assertEquals("stereotype-trainer 1.0", tags.get("mlflow.source.name"));
            assertEquals("e1", tags.get("kestra.execution_id"));
            assertEquals("ops", run.path("info").path("user_id").asText());
            JsonNode input = run.path("inputs").path("dataset_inputs").path(0);
            assertEquals("bottles", input.path("dataset").path("name").asText());
            assertEquals("ab".repeat(18), input.path("dataset").path("digest").asText());
            assertEquals("s3", input.path("dataset").path("source_type").asText());
            assertEquals("{\"uri\":\"s3://datasets/bottles/\"}", input.path("dataset").path("source").asText());
            assertEquals("training", keyValues(input.path("tags")).get("mlflow.data.context"));
            assertEquals(ended, api.get("mlflow/runs/get", "run_id", done.runId()).path("run").path("info").path("end_time").asLong(),
                    "ending a run again with its status changes nothing");
            Map<String, RunStatus> children = new LinkedHashMap<>();
            tagged.childRuns(parent.runId()).forEach(child -> children.put(child.run().runName(), child.status()));
            assertEquals(Map.of("doctor", RunStatus.FINISHED, "master-1", RunStatus.RUNNING), children);
            assertEquals(running.runId(), tagged.childRuns(parent.runId()).stream()
                    .filter(child -> child.status() == RunStatus.RUNNING).findFirst().orElseThrow().run().runId());
        }
    }

    @Test
    void experimentsOpenOnTheirTrainingRunsUnlessSomeoneChoseOtherwise() throws Exception {
        String name = "kind-" + UUID.randomUUID();
        String id = tracker.experiment(name);
        assertEquals("custom_model_development", experimentTags(id).get("mlflow.experimentKind"));

        String chosen = "chosen-" + UUID.randomUUID();
        String chosenId = api.post("mlflow/experiments/create", Map.of("name", chosen, "tags",
                List.of(Map.of("key", "mlflow.experimentKind", "value", "genai_development")))).path("experiment_id").asText();
        assertEquals(chosenId, tracker.experiment(chosen));
        assertEquals("genai_development", experimentTags(chosenId).get("mlflow.experimentKind"));

        String older = "older-" + UUID.randomUUID();
        String olderId = api.post("mlflow/experiments/create", Map.of("name", older)).path("experiment_id").asText();
        assertEquals(olderId, tracker.experiment(older));
        assertEquals("custom_model_development", experimentTags(olderId).get("mlflow.experimentKind"));
    }

    private Map<String, String> experimentTags(String experimentId) throws Exception {
        return keyValues(api.get("mlflow/experiments/get", "experiment_id", experimentId).path("experiment").path("tags"));
    }

    @Test
    void experimentIsJoinedByName() {
        String name = "join-" + UUID.randomUUID();
        assertEquals(tracker.experiment(name), tracker.experiment(name));
    }

    @Test
    void artifactsThroughTheProxyLandInTheBucket(EmbeddedS3 s3) throws Exception {
        TrackedRun run = tracker.startRun(tracker.experiment("proxied-" + UUID.randomUUID()), "evaluation");
        assertEquals("mlflow-artifacts", run.artifactUri().getScheme());
        Path model = Folders.write(tmp.resolve("model"), Map.of("saved_model.pb", "graph", "variables/v.index", "idx"));
        Path report = Files.writeString(tmp.resolve("report.json"), "{\"auroc\":0.9}");

        tracker.uploadArtifact(run.runId(), model, "model");
        tracker.uploadArtifact(run.runId(), report, "report.json");

        String prefix = MlflowServer.ARTIFACTS_PREFIX + run.artifactUri().getPath() + "/";
        assertEquals(List.of(prefix + "model/saved_model.pb", prefix + "model/variables/v.index", prefix + "report.json"),
                s3.keys(MlflowServer.ARTIFACTS_BUCKET, prefix));
        assertEquals(List.of("model", "report.json"), listedPaths(run.runId(), null));
        assertEquals(List.of("model/saved_model.pb", "model/variables"), listedPaths(run.runId(), "model"));
    }

    @Test
    void artifactsOfAnS3ExperimentAreWrittenToTheBucketDirectly(EmbeddedS3 s3) throws Exception {
        String bucket = s3.bucket("runs");
        String location = "s3://" + bucket + "/" + UUID.randomUUID();
        TrackedRun run = tracker.startRun(tracker.experiment("direct-" + UUID.randomUUID(), URI.create(location)), "doctor");
        assertTrue(run.artifactUri().toString().startsWith(location + "/"), run.artifactUri().toString());
        Path model = Folders.write(tmp.resolve("model"), Map.of("saved_model.pb", "graph"));

        tracker.uploadArtifact(run.runId(), model, "model");

        String prefix = run.artifactUri().getPath().substring(1) + "/model/";
        assertTrue(s3.keys(bucket, prefix).contains(prefix + "saved_model.pb"), s3.keys(bucket, prefix).toString());
        assertTrue(listedPaths(run.runId(), "model").contains("model/saved_model.pb"));
    }

    @Test
    void unreachableServerFailsAfterRetries() throws Exception {
        URI dead = URI.create("http://127.0.0.1:" + closedPort());
        try (var down = new MlflowRunTracker(MlflowSettings.of(dead), stores, FAST)) {
            var e = assertThrows(ServiceUnavailableException.class, () -> down.experiment("anything"));
            assertEquals(3, e.attempts());
            assertTrue(e.getMessage().startsWith("MLflow endpoint " + dead + " unreachable after 3 attempts: "), e.getMessage());
            assertFalse(e.getMessage().contains("null"), e.getMessage());
            // calls made with MLflow's typed Java client are retried and reported the same way
            var typed = assertThrows(ServiceUnavailableException.class, () -> down.startRun("0", "pipeline"));
            assertTrue(typed.getMessage().startsWith("MLflow endpoint " + dead + " unreachable after 3 attempts: "), typed.getMessage());
        }
    }

    private List<String> listedPaths(String runId, String path) throws Exception {
        JsonNode files = path == null ? api.get("mlflow/artifacts/list", "run_id", runId)
                : api.get("mlflow/artifacts/list", "run_id", runId, "path", path);
        List<String> paths = new ArrayList<>();
        files.path("files").forEach(file -> paths.add(file.path("path").asText()));
        return paths.stream().sorted().toList();
    }

    private static Map<String, String> keyValues(JsonNode entries) {
        Map<String, String> map = new LinkedHashMap<>();
        entries.forEach(entry -> map.put(entry.path("key").asText(), entry.path("value").asText()));
        return map;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.stereotype.mlops.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereotype.mlops.testing.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalRunTrackerTest {
    @TempDir
    Path tmp;

    @Test
    void writesAWholeRunRecordBesideTheOutputs() throws Exception {
        var tracker = new LocalRunTracker(tmp.resolve("runs"));
        TrackedRun parent = tracker.startRun(tracker.experiment("retrain"), "pipeline");
        TrackedRun child = tracker.startChildRun(parent.runId(), "bachelor-2-1");
        tracker.logParams(child.runId(), Map.of("mu", 0.5, "notes", "y".repeat(7000)));
        tracker.logMetrics(child.runId(), List.of(Metric.of("loss", 0.9, 0), Metric.of("loss", 0.4, 1)));
        tracker.logMetric(child.runId(), "auroc", 0.97, 1);
        tracker.setTags(child.runId(), Map.of("network", "bachelor"));
        tracker.uploadArtifact(child.runId(), Folders.write(tmp.resolve("model"), Map.of("saved_model.pb", "g")), "model");
        tracker.uploadArtifact(child.runId(), Files.writeString(tmp.resolve("r.json"), "{}"), "report.json");
        tracker.endRun(child.runId(), RunStatus.FINISHED);

        // read back by a fresh tracker, as a later pipeline step in another process would
        RunRecord run = new LocalRunTracker(tmp.resolve("runs")).getRun(child.runId());
        assertEquals("retrain", run.run().experimentId());
        assertEquals(parent.runId(), run.parentRunId().orElseThrow());
        assertEquals(parent.runId(), run.tags().get(RunTracker.PARENT_RUN_ID_TAG));
        assertEquals(RunStatus.FINISHED, run.status());
        assertEquals("0.5", run.params().get("mu"));
        assertEquals(TrackingLimits.MAX_PARAM_VALUE_LENGTH, run.params().get("notes").length());
        assertEquals(0.4, run.latestMetrics().get("loss"));
        assertEquals(Map.of("saved_model.pb", "g"), Folders.read(Path.of(run.run().artifactUri()).resolve("model")));

        JsonNode record = new ObjectMapper().readTree(tracker.recordFile(child.runId()).toFile());
        assertEquals(2, record.path("metrics").path("loss").size());
        assertEquals(1, record.path("metrics").path("loss").get(1).path("step").asInt());
        assertEquals("[\"model/saved_model.pb\",\"report.json\"]", record.path("artifacts").toString());
        assertEquals("bachelor-2-1", record.path("runName").asText());
        assertTrue(Files.exists(tracker.recordFile(parent.runId())));
    }

    @Test
    void runsCarryTheirOriginAndDataSetAndListTheirChildren() throws Exception {
        RunOrigin origin = new RunOrigin("ops", RunOrigin.JOB, "stereotype-trainer 1.0", Map.of("kestra.flow", "retrain"));
        var tracker = new LocalRunTracker(tmp.resolve("runs"), origin);
        TrackedRun parent = tracker.startRun(tracker.experiment("retrain"), "retrain");
        TrackedRun doctor = tracker.startChildRun(parent.runId(), "doctor");
        tracker.startRun("retrain", "another retrain");
        tracker.logDataset(parent.runId(), DatasetInput.of(tmp.resolve("data").toUri(), "c0ffee", DatasetInput.TRAINING));
        tracker.logDataset(parent.runId(), DatasetInput.of(tmp.resolve("data").toUri(), "c0ffee", DatasetInput.TRAINING));
        tracker.endRun(doctor.runId(), RunStatus.FINISHED);

        RunRecord run = tracker.getRun(parent.runId());
        assertEquals("ops", run.tags().get("mlflow.user"));
        assertEquals("JOB", run.tags().get("mlflow.source.type"));
        assertEquals("stereotype-trainer 1.0", run.tags().get("mlflow.source.name"));
        assertEquals("retrain", run.tags().get("kestra.flow"));
        JsonNode inputs = new ObjectMapper().readTree(tracker.recordFile(parent.runId()).toFile()).path("inputs");
        assertEquals(1, inputs.size(), "logging the same data set again adds nothing");
        assertEquals("data", inputs.get(0).path("name").asText());
        assertEquals(List.of("doctor"), tracker.childRuns(parent.runId()).stream().map(c -> c.run().runName()).toList());
        assertEquals(RunStatus.FINISHED, tracker.childRuns(parent.runId()).getFirst().status());
    }
}

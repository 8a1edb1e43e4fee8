package io.stereotype.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrains made by the trainer, as an MLflow user sees them through MLflow's own Python client (the project's MLflow
 * virtualenv), against a real MLflow server whose artifacts are on a real S3 server: finished, failed and killed
 * parent runs, who and what made each run, the data set inputs, and the production version downloaded through MLflow
 * with no S3 credentials, as an MLflow Model.
 */
@ExtendWith(MlflowServerExtension.class)
class MlflowUserViewIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KILLED_STEP = "master-1 (container killed)";

    @TempDir
    Path dir;

    @Test
    void retrainsAreFinishedTaggedAndTheirVersionsAreMlflowModels(MlflowServer mlflow, EmbeddedS3 s3) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String experiment = "user-view-" + id;
        String model = "user-view-" + id;
        String models = "s3://" + s3.bucket("stereotype") + "/models-" + id;
        String data = TinyData.dataset(dir).toString();
        TrainerProcess trainer = new TrainerProcess(dir.resolve("cache"))
                .withServices(mlflow.trackingUri().toString(), s3.endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY)
                .env("USER", "retrain-bot")
                .env("STEREOTYPE_KESTRA_NAMESPACE", "io.stereotype").env("STEREOTYPE_KESTRA_FLOW", "retrain")
                .env("STEREOTYPE_KESTRA_EXECUTION_ID", "exec" + id).env("STEREOTYPE_KESTRA_URL", "http://kestra.example:8080/");

        // a retrain that registers: the pipeline ends its parent run FINISHED after register
        TrainerProcess.Result registered = trainer.run(TinyData.with(new String[] {"pipeline", "--data", data, "--out",
                dir.resolve("ok").toString(), "--experiment", experiment, "--name", model, "--models-root", models}, TinyData.FAST));
        assertEquals(0, registered.exitCode(), registered.toString());
        String finished = registered.output("parentRunId");
        assertEquals(0, trainer.run("promote", "--name", model, "--version", registered.output("version")).exitCode());

        // a retrain whose register step fails after training: its parent run ends FAILED
        TrainerProcess.Result failing = trainer.run(TinyData.with(new String[] {"pipeline", "--data", data, "--out",
                dir.resolve("failing").toString(), "--experiment", experiment, "--name", model, "--models-root",
                "s3://no-such-bucket/models"}, TinyData.FAST));
        assertEquals(ExitCodes.USAGE, failing.exitCode(), failing.toString());

        // a retrain run step by step whose execution is killed after prep: the flow's end-run ends it KILLED, twice harmlessly
        Path work = dir.resolve("killed/work");
        TrainerProcess.Result prep = trainer.run(TinyData.with(new String[] {"prep", "--data", data, "--work", work.toString(),
                "--experiment", experiment}, TinyData.FAST));
        assertEquals(0, prep.exitCode(), prep.toString());
        // the run of a step whose container was killed with the execution: started, never ended
        MlflowQueries q = new MlflowQueries(mlflow.trackingUri());
        String stepRun = q.api.post("mlflow/runs/create", Map.of("experiment_id",
                q.run(prep.output("parentRunId")).path("info").path("experiment_id").asText(), "run_name", KILLED_STEP,
                "tags", List.of(Map.of("key", "mlflow.parentRunId", "value", prep.output("parentRunId"))))).path("run")
                .path("info").path("run_id").asText();
        for (int call = 0; call < 2; call++) {
            TrainerProcess.Result end = trainer.run("end-run", "--work", work.toString(), "--status", "KILLED");
            assertEquals(0, end.exitCode(), end.toString());
            assertEquals(prep.output("parentRunId"), end.output("parentRunId"));
            assertEquals(call == 0 ? "RUNNING" : "KILLED", end.output("previousStatus"));
            assertEquals(call == 0 ? "[\"" + stepRun + "\"]" : "[]", end.outputs().path("killedChildRuns").toString());
        }
        assertEquals("KILLED", q.run(stepRun).path("info").path("status").asText());
        // an execution that failed before prep made a run: nothing to end, and that is not an error
        TrainerProcess.Result nothing = trainer.run("end-run", "--work", dir.resolve("never-prepared").toString(), "--status", "FAILED");
        assertEquals(0, nothing.exitCode(), nothing.toString());
        assertEquals("false", nothing.output("ended"));
        assertTrue((nothing.stdout() + nothing.stderr()).contains("prep never started a retrain run"), nothing.toString());
        TrainerProcess.Result running = trainer.run("end-run", "--work", work.toString(), "--status", "RUNNING");
        assertEquals(ExitCodes.USAGE, running.exitCode(), running.toString());

        JsonNode view = userView(mlflow, experiment, model);
        assertEquals(0, view.path("aws_variables").size(), "the Python client ran without S3 credentials: " + view.path("aws_variables"));
        assertEquals("custom_model_development", view.path("experiment_tags").path("mlflow.experimentKind").asText());

        Map<String, JsonNode> runs = new HashMap<>();
        List<JsonNode> parents = new ArrayList<>();
        for (JsonNode run : view.path("runs")) {
            runs.put(run.path("id").asText(), run);
            if (!run.path("tags").has("mlflow.parentRunId")) {
                parents.add(run);
            }
        }
        assertEquals(3, parents.size(), parents.toString());
        assertEquals("FINISHED", runs.get(finished).path("status").asText());
        String killed = prep.output("parentRunId");
        assertEquals("KILLED", runs.get(killed).path("status").asText());
        JsonNode failed = parents.stream().filter(run -> !run.path("id").asText().equals(finished)
                && !run.path("id").asText().equals(killed)).findFirst().orElseThrow();
        assertEquals("FAILED", failed.path("status").asText(), failed.toString());

        // every run: ended, with a user, a source and its Kestra execution; the training runs with the data set
        String hash = runs.get(finished).path("tags").path("dataset_hash").asText();
        List<String> children = new ArrayList<>();
        for (JsonNode run : view.path("runs")) {
            String name = run.path("name").asText();
            JsonNode tags = run.path("tags");
            assertFalse(run.path("end_time").isNull(), name + " has no end time");
            if (name.equals(KILLED_STEP)) {
                continue; // made above, not by the trainer
            }
            assertEquals("retrain-bot", tags.path("mlflow.user").asText(), name);
            assertEquals("JOB", tags.path("mlflow.source.type").asText(), name);
            assertTrue(tags.path("mlflow.source.name").asText().startsWith("stereotype-trainer "), name);
            assertEquals("exec" + id, tags.path("kestra.execution_id").asText(), name);
            assertEquals("http://kestra.example:8080/ui/main/executions/io.stereotype/retrain/exec" + id,
                    tags.path("kestra.execution_url").asText(), name);
            if (finished.equals(tags.path("mlflow.parentRunId").asText())) {
                children.add(name);
                assertEquals("FINISHED", run.path("status").asText(), name);
                // the floor the health verdict was judged against: the pretrained doctor's masters cannot reproduce its
                // 152 dimensions through 4 channels; bachelors can reproduce their master
                JsonNode floor = run.path("metrics").path("regression_floor");
                if (name.startsWith("master")) {
                    assertTrue(floor.asDouble() > 0 && floor.asDouble() < 1, name + ": " + run.path("metrics"));
                } else if (name.startsWith("bachelor")) {
                    assertEquals(0.0, floor.asDouble(-1), name + ": " + run.path("metrics"));
                }
            }
            if (name.startsWith("retrain") || name.startsWith("doctor") || name.startsWith("master") || name.startsWith("bachelor")) {
                JsonNode dataset = run.path("datasets").path(0);
                assertEquals("tiny-textures", dataset.path("name").asText(), name);
                assertEquals(hash.substring(0, 36), dataset.path("digest").asText(), name);
                assertEquals(Path.of(data).toUri().toString(), dataset.path("source").path("uri").asText(), name);
                assertEquals("training", dataset.path("context").asText(), name);
            }
        }
        assertEquals(List.of("bachelor-1-1", "bachelor-2-1", "doctor", "evaluation", "master-1", "master-2"),
                children.stream().sorted().toList());

        // the production version: an MLflow Model served by MLflow, with its metrics, bundle and run
        JsonNode production = view.path("production");
        assertEquals(finished, production.path("run_id").asText());
        assertTrue(production.path("source").asText().startsWith("mlflow-artifacts:/"), production.path("source").asText());
        assertTrue(production.path("run_link").asText().endsWith("/runs/" + finished), production.path("run_link").asText());
        assertTrue(production.path("description").asText().contains("image_auroc"), production.path("description").asText());
        assertEquals(registered.output("imageAuroc"), production.path("tags").path("image_auroc").asText());
        assertEquals(registered.output("source"), production.path("tags").path("stereotype.bundle").asText());
        assertTrue(production.path("downloaded").toString().contains("\"bundle/manifest.json\""), production.toString());
        assertTrue(production.path("downloaded").toString().contains("\"MLmodel\""), production.toString());
        JsonNode flavor = production.path("flavors").path("stereotype");
        assertEquals(ModelBundle.FORMAT_VERSION, flavor.path("bundle_format_version").asInt());
        assertEquals(64, flavor.path("image_size").asInt());
        assertEquals(3, flavor.path("channels").asInt());
        assertEquals(Double.parseDouble(registered.output("decisionThreshold")), flavor.path("threshold").asDouble(), 1e-9);
        assertEquals("bundle", flavor.path("bundle").asText());
        assertEquals(finished, production.path("model_run_id").asText());

        // the services still score it by its registry name, from the bundle copy the version names
        TrainerProcess.Result score = trainer.run("score", "--model", "models:/" + model + "@production", "--image",
                dir.resolve("tiny-textures/test/scratch").toString(), "--out", dir.resolve("scores").toString());
        assertEquals(0, score.exitCode(), score.toString());
    }

    /** Runs mlflow_user_view.py with MLflow's Python client, given only the tracking URI (no AWS variables). */
    private JsonNode userView(MlflowServer mlflow, String experiment, String model) throws Exception {
        Path script = dir.resolve("mlflow_user_view.py");
        try (var in = MlflowUserViewIT.class.getResourceAsStream("/mlflow_user_view.py")) {
            Files.copy(in, script);
        }
        ProcessBuilder builder = new ProcessBuilder(mlflow.python().toString(), script.toString(), experiment, model,
                dir.resolve("downloaded").toString());
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString(),
                "MLFLOW_TRACKING_URI", mlflow.trackingUri().toString()));
        Path out = dir.resolve("view.json");
        Path err = dir.resolve("view.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the Python client did not finish in 5 minutes");
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("mlflow_user_view.py exited " + process.exitValue() + ":\n" + printed + "\n" + tail(err));
        }
        return JSON.readTree(printed);
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}

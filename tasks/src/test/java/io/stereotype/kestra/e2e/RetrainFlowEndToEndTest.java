package io.stereotype.kestra.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.TaskRun;
import io.kestra.core.models.flows.State;
import io.kestra.core.repositories.ExecutionRepositoryInterface;
import io.kestra.core.runners.FlowInputOutput;
import io.kestra.core.runners.TestRunnerUtils;
import io.kestra.core.services.ExecutionLogService;
import io.kestra.core.services.ExecutionOutputService;
import io.kestra.core.services.TaskOutputService;
import io.kestra.core.storages.StorageInterface;
import io.stereotype.kestra.ExecutionTree;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * Runs flows/retrain.yaml as it is, in an embedded Kestra with its real executor and worker, switched to the Process
 * runner by its inputs ({@link ProcessTrainer}): every step is the packaged trainer, training on the tiny data set of
 * src/test/resources/data, tracking in a real MLflow server, and writing the work folder to S3 (the flow's default
 * work URI, on the embedded S3 server).
 */
@KestraTest(startRunner = true)
@ExtendWith(MlflowServerExtension.class)
class RetrainFlowEndToEndTest {
    private static final String TENANT = "main";
    private static final String NAMESPACE = "io.stereotype";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String MODEL = "weave-e2e";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
        .findAndRegisterModules();

    @Inject
    TestRunnerUtils runner;

    @Inject
    FlowInputOutput flowInputOutput;

    @Inject
    TaskOutputService taskOutputs;

    // Kestra 2.0 keeps flow outputs apart from the execution: Execution.getOutputs() is null
    @Inject
    ExecutionOutputService executionOutputs;

    @Inject
    ExecutionLogService logs;

    @Inject
    ExecutionRepositoryInterface executions;

    @Inject
    StorageInterface storage;

    private ProcessTrainer trainer;
    private MlflowRest mlflow;

    @BeforeEach
    void services(MlflowServer server) throws Exception {
        trainer = new ProcessTrainer(server);
        mlflow = new MlflowRest(server);
        // the bucket of the flow's default work URI, s3://stereotype/work/<execution>
        server.s3().bucket("stereotype");
    }

    @Test
    @LoadFlows("flows/retrain.yaml")
    void retrainTrainsEveryNetworkTracksEachInMlflowAndRegistersAVersion() throws Exception {
        Execution execution = retrain(Map.of("minImageAuroc", 0.5));

        assertThat(execution.getState().getCurrent(), is(State.Type.SUCCESS));
        Map<String, Object> prep = outputs(execution, "prep").getFirst();
        assertThat(prep, allOf(hasEntry("trainImages", (Object) 12), hasEntry("testImages", (Object) 8),
            hasEntry("work", (Object) ("s3://stereotype/work/" + execution.getId() + "/work")), hasKey("datasetHash"), hasKey("parentRunId")));
        for (String training : List.of("doctor", "master", "bachelor")) {
            for (Map<String, Object> trained : outputs(execution, training)) {
                assertThat(training, trained, allOf(hasKey("model"), hasKey("runId"), hasKey("loss")));
            }
        }
        assertThat(outputs(execution, "master"), hasSize(2));
        assertThat(outputs(execution, "bachelor"), hasSize(2));
        Map<String, Object> assemble = outputs(execution, "assemble").getFirst();
        assertThat(assemble, allOf(
            hasEntry("bundle", (Object) ("s3://stereotype/work/" + execution.getId() + "/bundle")),
            hasKey("bundleHash"), hasKey("decisionThreshold")));
        Map<String, Object> evaluate = outputs(execution, "evaluate").getFirst();
        assertThat(evaluate.keySet(), hasItems("report", "reportHtml", "runId", "imageAuroc", "pixelAuroc", "aupro", "f1Max", "threshold"));
        // both reports are output files in Kestra's storage, the ones the trainer wrote under the work URI on S3
        Map<?, ?> reportFiles = (Map<?, ?>) evaluate.get("outputFiles");
        assertThat(reportFiles.keySet(), containsInAnyOrder("report.json", "report.html"));
        JsonNode reportJson = JSON.readTree(stored(execution, reportFiles.get("report.json")));
        assertThat(reportJson.path("image_auroc").asDouble(), is(((Number) evaluate.get("imageAuroc")).doubleValue()));
        assertThat(stored(execution, reportFiles.get("report.html")), containsString("<html"));
        Map<String, Object> register = outputs(execution, "register").getFirst();
        assertThat(register, allOf(hasEntry("registered", (Object) true), hasEntry("name", (Object) MODEL), hasKey("version")));

        // TensorFlow's native notices on stderr are logged at their own severity, not as errors
        List<LogEntry> doctorLog = logs.getExecutionLogs(TENANT, execution.getId(), Level.TRACE, null, List.of("doctor"), null, false);
        assertThat(doctorLog.stream().filter(entry -> entry.getMessage().contains("MLIR V1 optimization pass"))
            .map(LogEntry::getLevel).toList(), contains(Level.INFO));
        assertThat(logs.getExecutionLogs(TENANT, execution.getId(), Level.ERROR, null, null, null, false), empty());

        String parentRunId = (String) prep.get("parentRunId");
        List<JsonNode> children = mlflow.children(parentRunId);
        assertThat(children.stream().map(run -> run.path("info").path("run_name").asText()).toList(), containsInAnyOrder(
            "doctor", "master-1", "master-2", "bachelor-1-1", "bachelor-2-1", "evaluation"));
        assertThat(children.stream().map(run -> run.path("info").path("status").asText()).distinct().toList(), contains("FINISHED"));
        // every run names the Kestra execution that made it and links to it (application-test.yml's kestra.url)
        for (JsonNode run : children) {
            assertThat(run.path("info").path("run_name").asText(), tags(run), allOf(
                hasEntry("kestra.execution_id", execution.getId()), hasEntry("kestra.namespace", NAMESPACE),
                hasEntry("kestra.flow", "retrain"),
                hasEntry("kestra.execution_url", "http://kestra.test:8080/ui/main/executions/io.stereotype/retrain/" + execution.getId())));
        }

        JsonNode version = mlflow.get("mlflow/model-versions/get", "name", MODEL, "version", register.get("version").toString())
            .path("model_version");
        assertThat(version.path("run_id").asText(), is(parentRunId));
        // the version is the MLflow Model logged in the parent run's artifacts (served by MLflow's artifact proxy)
        assertThat(version.path("source").asText(), allOf(startsWith("mlflow-artifacts:/"), endsWith("/" + parentRunId + "/artifacts/model")));
        assertThat(register, hasEntry("versionSource", (Object) version.path("source").asText()));
        // the services load the bundle's copy under the default models root, outside the expiring work folders
        String source = "s3://stereotype/models/" + MODEL + "/" + assemble.get("bundleHash");
        assertThat(tags(version), hasEntry("stereotype.bundle", source));
        assertThat(register, hasEntry("source", (Object) source));
        assertThat(executionOutputs.getOutputs(execution), allOf(hasEntry("registered", (Object) true),
            hasEntry("modelVersion", (Object) register.get("version").toString()), hasEntry("parentRunId", (Object) parentRunId),
            hasEntry("modelSource", (Object) source)));

        // the run lifecycle: the parent run ends FINISHED with the retrain
        assertThat(mlflow.run(parentRunId).path("info").path("status").asText(), is("FINISHED"));
        assertThat(outputs(execution, "end_run").getFirst(), allOf(hasEntry("runId", (Object) parentRunId), hasEntry("status", (Object) "FINISHED")));
        assertThat(execution.findTaskRunsByTaskId("end_run_failed"), empty());
        // the afterExecution task of killed executions looked at the state and did nothing (RetrainFlowKillTest: a kill)
        assertThat(execution.findTaskRunsByTaskId("end_run_killed").getFirst().getState().getCurrent(), is(State.Type.SKIPPED));

        // the S3 credentials reached every step from Kestra secrets only (the trainer wrote to S3 with them), and
        // no input, output or log line of the execution holds them
        assertThat(JSON.writeValueAsString(execution.getInputs()), not(containsString("AWS_ACCESS_KEY_ID")));
        assertNoSecretIn(execution);
    }

    @Test
    @LoadFlows("flows/retrain.yaml")
    void aTrainingStepThatTimesOutFailsTheExecutionAndEndsTheParentRunFailed() throws Exception {
        Map<String, Object> inputs = new HashMap<>(Map.of("trainingTimeout", "PT1S"));
        Execution execution = retrain(inputs);

        assertThat(execution.getState().getCurrent(), is(State.Type.FAILED));
        TaskRun doctor = execution.findTaskRunsByTaskId("doctor").getFirst();
        assertThat(doctor.getState().getCurrent(), is(State.Type.FAILED));
        assertThat(execution.findTaskRunsByTaskId("assemble"), empty());
        List<String> doctorLog = logs.getExecutionLogs(TENANT, execution.getId(), Level.TRACE, null, List.of("doctor"), null, false)
            .stream().map(LogEntry::getMessage).toList();
        assertThat(doctorLog, hasItem(containsStringIgnoringCase("timeout")));

        // the errors branch ended the MLflow parent run FAILED
        assertThat(execution.findTaskRunsByTaskId("end_run_failed").getFirst().getState().getCurrent(), is(State.Type.SUCCESS));
        String parentRunId = (String) outputs(execution, "prep").getFirst().get("parentRunId");
        assertThat(mlflow.run(parentRunId).path("info").path("status").asText(), is("FAILED"));
        assertThat(execution.findTaskRunsByTaskId("end_run_killed").getFirst().getState().getCurrent(), is(State.Type.SKIPPED));
        assertNoSecretIn(execution);
    }

    /** The tags of a run or of a model version (whose tags are not under `data`). */
    private static Map<String, String> tags(JsonNode runOrVersion) {
        Map<String, String> tags = new HashMap<>();
        JsonNode list = runOrVersion.has("data") ? runOrVersion.path("data").path("tags") : runOrVersion.path("tags");
        list.forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
        return tags;
    }

    /** A file of the execution in Kestra's storage, as text. */
    private String stored(Execution execution, Object kestraUri) throws Exception {
        try (InputStream in = storage.get(TENANT, execution.getNamespace(), URI.create(String.valueOf(kestraUri)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Neither S3 credential appears in the execution's inputs, task outputs, flow outputs or logs. */
    private void assertNoSecretIn(Execution execution) throws Exception {
        assertThat("tasks/pom.xml's SECRET_* must hold EmbeddedS3's keys", List.of(secret("AWS_ACCESS_KEY_ID"), secret("AWS_SECRET_ACCESS_KEY")),
            contains(EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY));
        StringBuilder seen = new StringBuilder(JSON.writeValueAsString(execution.getInputs()));
        for (ExecutionTree.Step step : new ExecutionTree(executions).steps(execution)) {
            seen.append(JSON.writeValueAsString(outputs(step.run())));
        }
        seen.append(JSON.writeValueAsString(executionOutputs.getOutputs(execution)));
        logs.getExecutionLogs(TENANT, execution.getId(), Level.TRACE, null, null, null, false)
            .forEach(entry -> seen.append(entry.getMessage()).append('\n'));
        assertThat(seen.length(), greaterThan(1000));
        assertThat(seen.toString(), allOf(not(containsString(EmbeddedS3.SECRET_KEY)), not(containsString(EmbeddedS3.ACCESS_KEY))));
    }

    private static String secret(String name) {
        return new String(java.util.Base64.getDecoder().decode(System.getenv().getOrDefault("SECRET_" + name, "")),
            java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    @LoadFlows("flows/retrain.yaml")
    void aModelThatMissesTheGateIsNotRegisteredAndTheExecutionStillSucceeds() throws Exception {
        int versionsBefore = mlflow.versions(MODEL).size();

        Execution execution = retrain(Map.of("minImageAuroc", 1.01));

        assertThat(execution.getState().getCurrent(), is(State.Type.SUCCESS));
        Map<String, Object> register = outputs(execution, "register").getFirst();
        assertThat(register, allOf(hasEntry("registered", (Object) false), not(hasKey("version"))));
        assertThat((String) register.get("reason"), allOf(containsString("image_auroc"), containsString("below the required 1.0100")));
        assertThat(mlflow.versions(MODEL), hasSize(versionsBefore));
        assertThat(executionOutputs.getOutputs(execution), allOf(hasEntry("registered", (Object) false), hasEntry("modelVersion", (Object) ""),
            hasEntry("modelSource", (Object) "")));
    }

    @Test
    @LoadFlows("flows/retrain.yaml")
    void aBadDataSetFailsTheExecutionAtPrepWithTheTrainersMessageInItsLogs() throws Exception {
        Execution execution = run(Map.of("dataset", "/nonexistent/weave"));

        assertThat(execution.getState().getCurrent(), is(State.Type.FAILED));
        assertThat(execution.findTaskRunsByTaskId("prep").getFirst().getState().getCurrent(), is(State.Type.FAILED));
        assertThat(execution.findTaskRunsByTaskId("doctor"), empty());
        List<String> prepLog = logs.getExecutionLogs(TENANT, execution.getId(), Level.TRACE, null, List.of("prep"), null, false)
            .stream().map(LogEntry::getMessage).toList();
        assertThat(prepLog, hasItem(containsString("error: prep failed: data set file:///nonexistent/weave does not exist or is not a folder")));
        assertThat(prepLog, hasItem(containsString("Task 'prep': the trainer exited with code 3 (bad data)")));
    }

    /** The tiny training configuration: seconds per network on 2 cores. */
    private Execution retrain(Map<String, Object> gate) throws Exception {
        Map<String, Object> inputs = new HashMap<>(gate);
        inputs.putAll(Map.of("dataset", dataset().toString(), "modelName", MODEL, "experiment", "weave-e2e",
            "masters", 2, "bachelorsPerMaster", 1, "epochs", 1, "patchSize", 32, "imageSize", 64));
        return run(inputs);
    }

    private Execution run(Map<String, Object> flowInputs) throws Exception {
        return runner.runOne(TENANT, NAMESPACE, "retrain", null,
            (flow, created) -> flowInputOutput.readExecutionInputs(flow, created, trainer.inputs(flowInputs)), TIMEOUT);
    }

    /** The outputs of every run of a task, e.g. both masters (each in a loop iteration of its own). */
    private List<Map<String, Object>> outputs(Execution execution, String taskId) {
        return new ExecutionTree(executions).taskRuns(execution, taskId).stream().map(this::outputs).toList();
    }

    private Map<String, Object> outputs(TaskRun taskRun) {
        try {
            return taskOutputs.getOutputs(taskRun);
        } catch (Exception e) {
            throw new AssertionError("cannot read the outputs of " + taskRun.getTaskId(), e);
        }
    }

    private static Path dataset() throws Exception {
        return Path.of(Objects.requireNonNull(RetrainFlowEndToEndTest.class.getResource("/data/weave"), "data/weave on the test classpath").toURI());
    }
}

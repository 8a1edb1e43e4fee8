package io.stereotype.kestra.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.ExecutionKilled;
import io.kestra.core.models.executions.ExecutionKilledExecution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.TaskRun;
import io.kestra.core.models.flows.Flow;
import io.kestra.core.models.flows.State;
import io.kestra.core.queues.BroadcastQueueInterface;
import io.kestra.core.repositories.ExecutionRepositoryInterface;
import io.kestra.core.repositories.FlowRepositoryInterface;
import io.kestra.core.runners.FlowInputOutput;
import io.kestra.core.runners.TestRunnerUtils;
import io.kestra.core.services.ExecutionLogService;
import io.kestra.core.services.ExecutionService;
import io.kestra.core.services.TaskOutputService;
import io.stereotype.kestra.ExecutionTree;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * Kills a running retrain of flows/retrain.yaml the way Kestra's UI and API do (a kill request on Kestra's kill queue,
 * cascading into the loop iterations) while a master trains, in an embedded Kestra with its real executor and worker,
 * a real MLflow server and the packaged trainer as a process ({@link ProcessTrainer}). The flow's
 * {@code afterExecution} task then ends the MLflow parent run KILLED; what an MLflow user sees is read with MLflow's
 * Python client.
 */
@KestraTest(startRunner = true)
@ExtendWith(MlflowServerExtension.class)
class RetrainFlowKillTest {
    private static final String TENANT = "main";
    private static final String NAMESPACE = "io.stereotype";
    private static final String FLOW = "retrain";
    private static final Duration TRAINING_STARTS = Duration.ofMinutes(3);
    private static final Duration KILL_ENDS = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TestRunnerUtils runner;

    @Inject
    FlowInputOutput flowInputOutput;

    @Inject
    FlowRepositoryInterface flows;

    @Inject
    ExecutionRepositoryInterface executions;

    @Inject
    ExecutionService executionService;

    @Inject
    TaskOutputService taskOutputs;

    @Inject
    ExecutionLogService logs;

    // where Kestra's API (DELETE /api/v1/{tenant}/executions/{id}/kill, the UI's Kill button) posts a kill request, the
    // event emitted below; Kestra 2.0's own TestRunnerUtils.killExecution sends the same one
    @Inject
    BroadcastQueueInterface<ExecutionKilled> killQueue;

    @TempDir
    Path dir;

    @Test
    @LoadFlows("flows/retrain.yaml")
    void killingARetrainWhileAMasterTrainsEndsItsParentRunAndTheMastersRunKilled(MlflowServer server) throws Exception {
        server.s3().bucket("stereotype");
        MlflowRest mlflow = new MlflowRest(server);
        // so many epochs that master 1 is still training when the kill comes: the test stops it long before the end
        Map<String, Object> inputs = new ProcessTrainer(server).inputs(Map.of("dataset", dataset().toString(),
            "modelName", "weave-killed", "experiment", "weave-killed", "masters", 1, "bachelorsPerMaster", 1,
            "epochs", 100_000, "patchSize", 32, "imageSize", 64));
        Execution started = runner.runOneUntilRunning(TENANT, NAMESPACE, FLOW, null,
            (flow, created) -> flowInputOutput.readExecutionInputs(flow, created, inputs), TRAINING_STARTS);

        String parentRunId = await("prep to output the parent run", TRAINING_STARTS, () -> prepOutput(started.getId()));
        String masterRunId = await("master 1 to open its MLflow run", TRAINING_STARTS, () -> runningChild(mlflow, parentRunId, "master-1"));

        assertThat("master 1 trains in a process of this JVM's worker", trainingMasters(), not(empty()));

        killQueue.emit(ExecutionKilledExecution.builder().state(ExecutionKilled.State.REQUESTED).executionId(started.getId())
            .isOnKillCascade(true).tenantId(TENANT).build());
        Flow flow = flows.findById(TENANT, NAMESPACE, FLOW).orElseThrow();
        Execution killed = await("the killed execution and its afterExecution tasks to end", KILL_ENDS,
            () -> executions.findById(TENANT, started.getId()).filter(execution -> executionService.isTerminated(flow, execution)));

        assertThat(killed.getState().getCurrent(), is(State.Type.KILLED));
        ExecutionTree steps = new ExecutionTree(executions);
        assertThat(steps.taskRuns(killed, "master").getFirst().getState().getCurrent(), is(State.Type.KILLED));
        assertThat(steps.taskRuns(killed, "bachelor"), empty());
        // the training itself stopped: no trainer process of this JVM still trains master 1
        await("master 1's trainer process to exit", KILL_ENDS, () -> trainingMasters().isEmpty() ? Optional.of(true) : Optional.empty());
        // neither the FINISHED step nor the errors branch ran: the afterExecution task ended the run, once
        assertThat(killed.findTaskRunsByTaskId("end_run"), empty());
        assertThat(killed.findTaskRunsByTaskId("end_run_failed"), empty());
        assertThat("afterExecution ran its end-run task", killed.findTaskRunsByTaskId("end_run_killed"), hasSize(1));
        TaskRun endRun = killed.findTaskRunsByTaskId("end_run_killed").getFirst();
        assertThat(endRun.getState().getCurrent(), is(State.Type.SUCCESS));
        assertThat(taskOutputs.getOutputs(endRun), allOf(hasEntry("runId", (Object) parentRunId), hasEntry("status", (Object) "KILLED")));
        List<String> endRunLog = logs.getExecutionLogs(TENANT, killed.getId(), Level.TRACE, null, List.of("end_run_killed"), null, false)
            .stream().map(LogEntry::getMessage).toList();
        // Kestra stopped master 1's trainer process (SIGTERM to it and its descendants), which ends no MLflow run: the
        // end-run step ended master 1's run, still RUNNING, KILLED with the parent
        assertThat(endRunLog, hasItem(containsString("parent run " + parentRunId + " ended KILLED (was RUNNING); "
            + "child runs still running ended KILLED: [" + masterRunId + "]")));

        // what an MLflow user sees: the parent run and master 1 KILLED with an end time, the doctor FINISHED, none RUNNING
        JsonNode runs = runTree(server, parentRunId);
        JsonNode parent = runs.path("parent");
        assertThat(parent.path("status").asText(), is("KILLED"));
        assertThat(parent.path("end_time").isNumber(), is(true));
        assertThat(parent.path("end_time").asLong(), greaterThanOrEqualTo(parent.path("start_time").asLong()));
        Map<String, String> childStatus = new HashMap<>();
        for (JsonNode child : runs.path("children")) {
            childStatus.put(child.path("name").asText(), child.path("status").asText());
            assertThat(child.path("name").asText() + " has no end time", child.path("end_time").isNumber(), is(true));
        }
        assertThat(childStatus, is(Map.of("doctor", "FINISHED", "master-1", "KILLED")));
        assertThat(runs.path("children").findValuesAsText("id"), hasItem(masterRunId));
    }

    /** The trainer processes started by this JVM (the worker's Process runner) that train a master. */
    private static List<String> trainingMasters() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
            .map(process -> process.info().commandLine().orElse(""))
            .filter(command -> command.contains("train-student") && command.contains("master")).toList();
    }

    /** The parent run id once prep has succeeded and its output is readable. */
    private Optional<String> prepOutput(String executionId) {
        return executions.findById(TENANT, executionId).stream()
            .flatMap(execution -> execution.findTaskRunsByTaskId("prep").stream())
            .filter(prep -> prep.getState().getCurrent() == State.Type.SUCCESS)
            .map(prep -> {
                try {
                    return (String) taskOutputs.getOutputs(prep).get("parentRunId");
                } catch (Exception e) {
                    throw new AssertionError("cannot read the outputs of prep", e);
                }
            })
            .filter(Objects::nonNull).findFirst();
    }

    /** The id of the parent's child run of that name while it is RUNNING. */
    private static Optional<String> runningChild(MlflowRest mlflow, String parentRunId, String name) {
        try {
            return mlflow.children(parentRunId).stream()
                .filter(run -> run.path("info").path("run_name").asText().equals(name))
                .filter(run -> run.path("info").path("status").asText().equals("RUNNING"))
                .map(run -> run.path("info").path("run_id").asText()).findFirst();
        } catch (Exception e) {
            throw new AssertionError("cannot search the child runs of " + parentRunId, e);
        }
    }

    /** Polls until the value is there; fails naming what did not happen in time. */
    private static <T> T await(String what, Duration timeout, Supplier<Optional<T>> value) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = value.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
    }

    /** The parent run and its children, as mlflow_run_tree.py reads them with MLflow's Python client (tracking URI only). */
    private JsonNode runTree(MlflowServer mlflow, String parentRunId) throws Exception {
        Path script = dir.resolve("mlflow_run_tree.py");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/mlflow_run_tree.py"), "mlflow_run_tree.py")) {
            Files.copy(in, script);
        }
        ProcessBuilder builder = new ProcessBuilder(mlflow.python().toString(), script.toString(), parentRunId);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString(),
            "MLFLOW_TRACKING_URI", mlflow.trackingUri().toString()));
        Path out = dir.resolve("tree.json");
        Path err = dir.resolve("tree.err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the MLflow Python client did not finish in 2 minutes");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("mlflow_run_tree.py exited " + process.exitValue() + ":\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        return JSON.readTree(Files.readString(out, StandardCharsets.UTF_8));
    }

    private static Path dataset() throws Exception {
        return Path.of(Objects.requireNonNull(RetrainFlowKillTest.class.getResource("/data/weave"), "data/weave on the test classpath").toURI());
    }
}

package io.stereotype.kestra;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.Label;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.State;
import io.kestra.core.runners.FlowInputOutput;
import io.kestra.core.runners.TestRunnerUtils;
import io.kestra.core.services.ExecutionOutputService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * Runs the production flows of flows/ as they are, switched to the Process runner by their {@code runner} input,
 * with {@code trainerCommand} pointing at stand-in-trainer.sh: a shell script that stands in for the trainer's
 * output lines only. This checks the flows' wiring (inputs, loops, expressions, outputs), not training.
 */
@KestraTest(startRunner = true)
class ProductionFlowRunTest {
    private static final String TENANT = "main";
    private static final String NAMESPACE = "io.stereotype";

    @Inject
    TestRunnerUtils runner;

    @Inject
    FlowInputOutput flowInputOutput;

    // Kestra 2.0 keeps flow outputs apart from the execution: Execution.getOutputs() is null
    @Inject
    ExecutionOutputService executionOutputs;

    private Path standIn;
    private Path calls;

    @BeforeEach
    void standInTrainer() throws Exception {
        standIn = Path.of(Objects.requireNonNull(getClass().getResource("/stand-in/stand-in-trainer.sh")).toURI());
        calls = standIn.resolveSibling("stand-in-trainer.calls");
        Files.deleteIfExists(calls);
    }

    @Test
    @LoadFlows("flows/retrain.yaml")
    void retrainRunsEveryStepOnceWithMastersAndTheirBachelors() throws Exception {
        // not the defaults (3 and 2): a value that only a default could produce would go unnoticed
        Execution execution = run("retrain", Map.of("dataset", "/data/bottles", "masters", 2, "bachelorsPerMaster", 3));

        assertThat(execution.getState().getCurrent(), is(State.Type.SUCCESS));
        String work = "s3://stereotype/work/" + execution.getId();
        String parent = " --parent-run-id run-0";
        assertThat(Files.readAllLines(calls), containsInAnyOrder(
            // optional inputs left empty (epochs, seed, minPixelAuroc) are not passed: the trainer's defaults apply
            "prep --data /data/bottles --work " + work + " --masters 2 --bachelors 3 --patch-size 64 --network paper --experiment stereotype",
            "train-doctor --work " + work + parent,
            "train-student --role master --work " + work + " --master 1" + parent,
            "train-student --role master --work " + work + " --master 2" + parent,
            "train-student --role bachelor --work " + work + " --master 1 --index 1" + parent,
            "train-student --role bachelor --work " + work + " --master 1 --index 2" + parent,
            "train-student --role bachelor --work " + work + " --master 1 --index 3" + parent,
            "train-student --role bachelor --work " + work + " --master 2 --index 1" + parent,
            "train-student --role bachelor --work " + work + " --master 2 --index 2" + parent,
            "train-student --role bachelor --work " + work + " --master 2 --index 3" + parent,
            "assemble --work " + work + " --out " + work + "/bundle",
            "evaluate --model " + work + "/bundle --data /data/bottles --out " + work + "/report" + parent,
            "register --model " + work + "/bundle --report " + work + "/report/report.json --name stereotype --min-image-auroc 0.9"));
        assertThat(executionOutputs.getOutputs(execution), allOf(
            hasEntry("registered", (Object) true),
            hasEntry("modelName", (Object) "stereotype"),
            hasEntry("modelVersion", (Object) "5"),
            hasEntry("report", (Object) (work + "/report/report.json"))));
        assertThat(execution.getLabels(), hasItem(new Label("runner", "PROCESS")));
    }

    @Test
    @LoadFlows("flows/promote.yaml")
    void promoteWithoutApprovalMovesTheAliasAndReportsThePreviousVersion() throws Exception {
        Execution execution = run("promote", Map.of("modelName", "bottles", "modelVersion", 5));

        assertThat(execution.getState().getCurrent(), is(State.Type.SUCCESS));
        assertThat(Files.readAllLines(calls), contains("promote --name bottles --version 5 --alias production"));
        assertThat(executionOutputs.getOutputs(execution), allOf(hasEntry("version", (Object) 5), hasEntry("previousVersion", (Object) "4")));
    }

    @Test
    @LoadFlows("flows/promote.yaml")
    void promoteWithApprovalPausesBeforeTheAliasMoves() throws Exception {
        Execution execution = runner.runOneUntilPaused(TENANT, NAMESPACE, "promote", null,
            (flow, created) -> flowInputOutput.readExecutionInputs(flow, created,
                inputs(Map.of("modelName", "bottles", "modelVersion", 5, "approval", true))),
            Duration.ofSeconds(60));

        assertThat(execution.getState().getCurrent(), is(State.Type.PAUSED));
        assertThat(Files.exists(calls), is(false));
    }

    private Execution run(String flowId, Map<String, Object> flowInputs) throws Exception {
        return runner.runOne(TENANT, NAMESPACE, flowId, null,
            (flow, created) -> flowInputOutput.readExecutionInputs(flow, created, inputs(flowInputs)),
            Duration.ofSeconds(120));
    }

    /** The test's inputs plus the one switch an end-to-end run flips: the Process runner and a local trainer. */
    private Map<String, Object> inputs(Map<String, Object> flowInputs) {
        Map<String, Object> inputs = new HashMap<>(flowInputs);
        inputs.put("runner", "PROCESS");
        inputs.put("trainerCommand", List.of("sh", standIn.toString()));
        return inputs;
    }
}

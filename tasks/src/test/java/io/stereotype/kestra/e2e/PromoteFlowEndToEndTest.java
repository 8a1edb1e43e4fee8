package io.stereotype.kestra.e2e;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.junit.annotations.LoadFlows;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.flows.State;
import io.kestra.core.runners.FlowInputOutput;
import io.kestra.core.runners.TestRunnerUtils;
import io.kestra.core.services.ExecutionLogService;
import io.kestra.core.services.ExecutionOutputService;
import io.stereotype.mlops.testing.MlflowServer;
import io.stereotype.mlops.testing.MlflowServerExtension;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * Runs flows/promote.yaml as it is, switched to the Process runner by its inputs ({@link ProcessTrainer}), against a
 * real MLflow registry holding two versions of a model.
 */
@KestraTest(startRunner = true)
@ExtendWith(MlflowServerExtension.class)
class PromoteFlowEndToEndTest {
    private static final String TENANT = "main";
    private static final String NAMESPACE = "io.stereotype";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @Inject
    TestRunnerUtils runner;

    @Inject
    FlowInputOutput flowInputOutput;

    @Inject
    ExecutionOutputService executionOutputs;

    @Inject
    ExecutionLogService logs;

    private ProcessTrainer trainer;
    private MlflowRest mlflow;
    private String model;

    /** A model of its own per test, with versions 1 and 2 in the registry and no alias yet. */
    @BeforeEach
    void registry(MlflowServer server) throws Exception {
        trainer = new ProcessTrainer(server);
        mlflow = new MlflowRest(server);
        model = "promote-e2e-" + UUID.randomUUID();
        mlflow.createVersion(model, "s3://stereotype/models/1/bundle");
        mlflow.createVersion(model, "s3://stereotype/models/2/bundle");
    }

    @Test
    @LoadFlows("flows/promote.yaml")
    void promotingMovesTheAliasAndNamesThePreviousHolderForRollback() throws Exception {
        Execution first = promote(1, false);

        assertThat(first.getState().getCurrent(), is(State.Type.SUCCESS));
        assertThat(mlflow.aliasVersion(model, "production"), is(1));
        assertThat(executionOutputs.getOutputs(first), allOf(hasEntry("version", (Object) 1), hasEntry("previousVersion", (Object) "")));

        Execution second = promote(2, false);

        assertThat(second.getState().getCurrent(), is(State.Type.SUCCESS));
        assertThat(mlflow.aliasVersion(model, "production"), is(2));
        assertThat(executionOutputs.getOutputs(second), allOf(hasEntry("version", (Object) 2), hasEntry("previousVersion", (Object) "1")));
        List<String> log = logs.getExecutionLogs(TENANT, second.getId(), Level.INFO, null, List.of("previous_holder"), null, false)
            .stream().map(LogEntry::getMessage).toList();
        assertThat(log, hasItem(allOf(containsString("now points at version 2"), containsString("it pointed at 1 before"))));
    }

    @Test
    @LoadFlows("flows/promote.yaml")
    void withApprovalTheExecutionPausesAndTheAliasStaysWhereItWas() throws Exception {
        Execution paused = runner.runOneUntilPaused(TENANT, NAMESPACE, "promote", null,
            (flow, created) -> flowInputOutput.readExecutionInputs(flow, created, inputs(2, true)), TIMEOUT);

        assertThat(paused.getState().getCurrent(), is(State.Type.PAUSED));
        assertThat(paused.findTaskRunsByTaskId("promote"), empty());
        assertThat(mlflow.aliases(model), empty());
    }

    private Execution promote(int version, boolean approval) throws Exception {
        return runner.runOne(TENANT, NAMESPACE, "promote", null,
            (flow, created) -> flowInputOutput.readExecutionInputs(flow, created, inputs(version, approval)), TIMEOUT);
    }

    private Map<String, Object> inputs(int version, boolean approval) {
        return trainer.inputs(Map.of("modelName", model, "modelVersion", version, "approval", approval));
    }
}

package io.stereotype.kestra;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import io.kestra.core.runners.RunContextFactory;
import io.kestra.core.utils.TestsUtils;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * The trainer process of every task sees the execution it runs in as STEREOTYPE_KESTRA_* variables. A shell stands in
 * for the trainer and prints what it received as its output line (the real trainer's tags: RetrainFlowEndToEndTest).
 */
@KestraTest
class KestraExecutionEnvironmentTest {
    /** application-test.yml's kestra.url */
    private static final String CONFIGURED_URL = "http://kestra.test:8080";

    /** Prints the variables as the trainer's end-run outputs: parentRunId (EndRun's runId) = namespace|flow|execution|tenant, status = URL. */
    private static final List<String> ECHO_TRAINER = List.of("sh", "-c",
        "printf '::{\"outputs\":{\"ended\":true,\"parentRunId\":\"%s|%s|%s|%s\",\"status\":\"%s\"}}::\\n' \"$STEREOTYPE_KESTRA_NAMESPACE\" "
            + "\"$STEREOTYPE_KESTRA_FLOW\" \"$STEREOTYPE_KESTRA_EXECUTION_ID\" \"$STEREOTYPE_KESTRA_TENANT\" \"${STEREOTYPE_KESTRA_URL-unset}\"",
        "trainer");

    @Inject
    RunContextFactory runContextFactory;

    @Test
    void theTrainerProcessGetsTheExecutionAndTheConfiguredKestraUrl() throws Exception {
        EndRun task = echoTask(null, null);
        RunContext runContext = TestsUtils.mockRunContext(runContextFactory, task, Map.of());

        EndRun.Output output = task.run(runContext);

        RunContext.FlowInfo flow = runContext.flowInfo();
        String executionId = ((Map<?, ?>) runContext.getVariables().get("execution")).get("id").toString();
        assertThat(flow.namespace(), not(emptyOrNullString()));
        assertThat(executionId, not(emptyOrNullString()));
        assertThat(output.getRunId(), is(String.join("|", flow.namespace(), flow.id(), executionId, flow.tenantId())));
        assertThat(output.getStatus(), is(CONFIGURED_URL));
    }

    @Test
    void theTaskPropertiesWinOverTheRunContext() throws Exception {
        EndRun task = echoTask("https://kestra.example.com/", "4xYzTop");
        RunContext runContext = TestsUtils.mockRunContext(runContextFactory, task, Map.of());

        EndRun.Output output = task.run(runContext);

        RunContext.FlowInfo flow = runContext.flowInfo();
        assertThat(output.getRunId(), is(String.join("|", flow.namespace(), flow.id(), "4xYzTop", flow.tenantId())));
        assertThat(output.getStatus(), is("https://kestra.example.com/"));
    }

    @Test
    void aBlankPropertyFallsBackToTheConfiguredUrlAndWithoutAnyTheVariableIsLeftUnset() throws Exception {
        EndRun task = echoTask(null, null);
        RunContext runContext = TestsUtils.mockRunContext(runContextFactory, task, Map.of());

        Map<String, Object> variables = new HashMap<>(runContext.getVariables());
        variables.remove("kestra");

        Map<String, String> env = KestraExecutionEnvironment.of(runContext, "", " ");
        Map<String, String> withoutConfiguredUrl = KestraExecutionEnvironment.of(runContext.flowInfo(), variables, "", "");

        assertThat(env, hasEntry(KestraExecutionEnvironment.URL, CONFIGURED_URL));
        assertThat(withoutConfiguredUrl, allOf(not(hasKey(KestraExecutionEnvironment.URL)),
            hasKey(KestraExecutionEnvironment.EXECUTION_ID), hasKey(KestraExecutionEnvironment.NAMESPACE)));
    }

    private static EndRun echoTask(String kestraUrl, String kestraExecutionId) {
        return EndRun.builder().id("end_run").type(EndRun.class.getName())
            .localProcess(Property.ofValue(true))
            .trainerCommand(Property.ofValue(ECHO_TRAINER))
            .kestraUrl(kestraUrl == null ? null : Property.ofValue(kestraUrl))
            .kestraExecutionId(kestraExecutionId == null ? null : Property.ofValue(kestraExecutionId))
            .work(Property.ofValue("/w"))
            .status(Property.ofValue("FINISHED"))
            .build();
    }
}

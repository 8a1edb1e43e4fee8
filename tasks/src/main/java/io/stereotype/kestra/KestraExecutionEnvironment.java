package io.stereotype.kestra;

import io.kestra.core.runners.RunContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The execution a trainer step runs in, as the {@code STEREOTYPE_KESTRA_*} variables the trainer tags its MLflow runs
 * with (docs/operations.md): Kestra's task runners pass no execution details to the process or container they start.
 */
final class KestraExecutionEnvironment {
    static final String NAMESPACE = "STEREOTYPE_KESTRA_NAMESPACE";
    static final String FLOW = "STEREOTYPE_KESTRA_FLOW";
    static final String EXECUTION_ID = "STEREOTYPE_KESTRA_EXECUTION_ID";
    static final String TENANT = "STEREOTYPE_KESTRA_TENANT";
    static final String URL = "STEREOTYPE_KESTRA_URL";

    private KestraExecutionEnvironment() {
    }

    /**
     * The variables of the run context's execution, or of {@code executionId} when not blank; the UI's URL is {@code kestraUrl} when not blank, else the
     * server's configured {@code kestra.url}, else left unset (the runs then carry no link). A variable whose value
     * is unknown is left out rather than set empty.
     */
    static Map<String, String> of(RunContext runContext, String executionId, String kestraUrl) {
        return of(runContext.flowInfo(), runContext.getVariables(), executionId, kestraUrl);
    }

    /** The same from the parts of a run context: its flow and its variables ({@code execution}, {@code kestra}). */
    static Map<String, String> of(RunContext.FlowInfo flow, Map<String, Object> variables, String executionId, String kestraUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, NAMESPACE, flow.namespace());
        put(env, FLOW, flow.id());
        put(env, TENANT, flow.tenantId());
        put(env, EXECUTION_ID, executionId.isBlank() ? variable(variables, "execution", "id") : executionId.strip());
        put(env, URL, kestraUrl.isBlank() ? variable(variables, "kestra", "url") : kestraUrl.strip());
        return env;
    }

    /** {@code {{ group.key }}} of the variables, or null. */
    private static String variable(Map<String, Object> variables, String group, String key) {
        return variables.get(group) instanceof Map<?, ?> values && values.get(key) != null ? values.get(key).toString() : null;
    }

    private static void put(Map<String, String> env, String name, String value) {
        if (value != null && !value.isBlank()) {
            env.put(name, value);
        }
    }
}

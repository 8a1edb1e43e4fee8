package io.stereotype.trainer;

import static io.stereotype.mlops.EnvironmentVariables.value;

import io.stereotype.mlops.tracking.RunOrigin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Kestra execution a step runs in, from the variables the flow sets on every trainer task (Kestra's task
 * runners pass no execution details of their own), turned into the tags every run of the step carries.
 */
final class KestraExecution {
    static final String NAMESPACE = "STEREOTYPE_KESTRA_NAMESPACE";
    static final String FLOW = "STEREOTYPE_KESTRA_FLOW";
    static final String EXECUTION_ID = "STEREOTYPE_KESTRA_EXECUTION_ID";
    /** The Kestra UI's base URL, e.g. {@code http://localhost:8080}: runs then link to their execution. */
    static final String URL = "STEREOTYPE_KESTRA_URL";
    /** The tenant in the UI's paths; Kestra's open-source edition has the one tenant {@code main}. */
    static final String TENANT = "STEREOTYPE_KESTRA_TENANT";
    static final String SOURCE_NAME = "stereotype-trainer";

    private KestraExecution() {
    }

    /**
     * Who started the runs of this process: the operating-system user ({@code USER}, as MLflow's Python client
     * reports it), the trainer and its version as a {@code JOB}, and the Kestra execution when there is one.
     */
    static RunOrigin origin(Map<String, String> env) {
        String user = value(env, "USER").or(() -> value(env, "LOGNAME")).orElse(System.getProperty("user.name"));
        Map<String, String> tags = new LinkedHashMap<>();
        value(env, NAMESPACE).ifPresent(v -> tags.put("kestra.namespace", v));
        value(env, FLOW).ifPresent(v -> tags.put("kestra.flow", v));
        value(env, EXECUTION_ID).ifPresent(v -> tags.put("kestra.execution_id", v));
        link(env).ifPresent(v -> tags.put("kestra.execution_url", v));
        return new RunOrigin(user, RunOrigin.JOB, SOURCE_NAME + " " + Runs.codeVersion(), tags);
    }

    /** {@code URL/ui/TENANT/executions/NAMESPACE/FLOW/ID}, when all of them are known. */
    static Optional<String> link(Map<String, String> env) {
        Optional<String> url = value(env, URL).map(u -> u.replaceAll("/+$", ""));
        Optional<String> namespace = value(env, NAMESPACE);
        Optional<String> flow = value(env, FLOW);
        Optional<String> id = value(env, EXECUTION_ID);
        if (url.isEmpty() || namespace.isEmpty() || flow.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(url.get() + "/ui/" + value(env, TENANT).orElse("main") + "/executions/" + namespace.get() + "/"
                + flow.get() + "/" + id.get());
    }
}

package io.stereotype.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stereotype.mlops.tracking.RunOrigin;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KestraExecutionTest {
    private static final Map<String, String> EXECUTION = Map.of("STEREOTYPE_KESTRA_NAMESPACE", "io.stereotype",
            "STEREOTYPE_KESTRA_FLOW", "retrain", "STEREOTYPE_KESTRA_EXECUTION_ID", "4xYz", "USER", "kestra");

    @Test
    void runsOfAKestraStepNameTheExecutionAndLinkToIt() {
        Map<String, String> env = new java.util.HashMap<>(EXECUTION);
        env.put("STEREOTYPE_KESTRA_URL", "https://kestra.example.com/");
        Map<String, String> tags = KestraExecution.origin(env).tags();
        assertEquals("kestra", tags.get(RunOrigin.USER_TAG));
        assertEquals("JOB", tags.get(RunOrigin.SOURCE_TYPE_TAG));
        assertEquals("stereotype-trainer " + Runs.codeVersion(), tags.get(RunOrigin.SOURCE_NAME_TAG));
        assertEquals("io.stereotype", tags.get("kestra.namespace"));
        assertEquals("retrain", tags.get("kestra.flow"));
        assertEquals("4xYz", tags.get("kestra.execution_id"));
        assertEquals("https://kestra.example.com/ui/main/executions/io.stereotype/retrain/4xYz", tags.get("kestra.execution_url"));

        env.put("STEREOTYPE_KESTRA_TENANT", "acme");
        assertEquals(Optional.of("https://kestra.example.com/ui/acme/executions/io.stereotype/retrain/4xYz"), KestraExecution.link(env));
    }

    @Test
    void withoutAKestraUrlOrOutsideKestraThereIsNoLink() {
        assertEquals(Optional.empty(), KestraExecution.link(EXECUTION));
        Map<String, String> tags = KestraExecution.origin(Map.of("STEREOTYPE_KESTRA_URL", "https://kestra.example.com", "USER", "me")).tags();
        assertEquals(Map.of(RunOrigin.USER_TAG, "me", RunOrigin.SOURCE_TYPE_TAG, "JOB", RunOrigin.SOURCE_NAME_TAG,
                "stereotype-trainer " + Runs.codeVersion()), tags);
    }
}

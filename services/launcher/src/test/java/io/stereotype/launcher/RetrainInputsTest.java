package io.stereotype.launcher;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetrainInputsTest {
    private static final List<String> TRAINER = List.of("java", "-jar", "trainer.jar");

    @Test
    void doctorDataAndModelsRootReachTheFlowOnlyWhenGiven() {
        Map<String, Object> given = RetrainInputs.of(LaunchOptions.parse("--data", "/d", "--doctor-data", "/labelled",
                "--models-root", "s3://b/models"), Path.of("/d"), false, true, TRAINER, Path.of("/out/work/e1"));
        assertThat(given, hasEntry("doctorData", (Object) "/labelled"));
        assertThat(given, hasEntry("modelsRoot", (Object) "s3://b/models"));
        assertThat(given, hasEntry("register", (Object) true));

        Map<String, Object> plain = RetrainInputs.of(LaunchOptions.parse("--data", "/d"), Path.of("/d"), false, false,
                TRAINER, Path.of("/out/work/e1"));
        assertThat(plain, not(hasKey("doctorData")));
        assertThat(plain, not(hasKey("modelsRoot")));
        assertThat(plain.get("runner"), is("PROCESS"));
    }
}

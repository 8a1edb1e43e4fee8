package io.stereotype.kestra;

import io.kestra.core.docs.JsonSchemaGenerator;
import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.tasks.Task;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

/** What Kestra's UI documents for the tasks, generated the way the server does it. */
@KestraTest
class PluginDocumentationTest {
    @Inject
    JsonSchemaGenerator jsonSchemaGenerator;

    @Test
    void typedOutputsAreDocumented() {
        for (Class<? extends Task> training : List.of(TrainDoctor.class, TrainMaster.class, TrainBachelor.class)) {
            assertThat(training.getSimpleName(), outputProperties(training).keySet(), containsInAnyOrder("model", "runId", "loss"));
        }
        assertThat(outputProperties(PrepareDataset.class).keySet(),
            containsInAnyOrder("work", "datasetHash", "trainImages", "testImages", "parentRunId"));
        assertThat(outputProperties(AssembleBundle.class).keySet(), containsInAnyOrder("bundle", "bundleHash", "decisionThreshold"));
        assertThat(outputProperties(Evaluate.class).keySet(),
            containsInAnyOrder("report", "reportHtml", "runId", "imageAuroc", "pixelAuroc", "aupro", "f1Max", "threshold"));
        assertThat(outputProperties(RegisterModel.class).keySet(), containsInAnyOrder("registered", "name", "version", "reason", "source"));
        assertThat(outputProperties(PromoteModel.class).keySet(), containsInAnyOrder("name", "alias", "version", "previousVersion"));
    }

    @Test
    void propertiesAreDocumentedWithTheirTitles() {
        Map<String, Object> properties = properties(jsonSchemaGenerator.properties(Task.class, PrepareDataset.class));
        assertThat(properties.keySet(), hasItems("data", "doctorData", "work", "masters", "bachelorsPerMaster", "network", "trainerCommand",
            "containerImage", "localProcess", "taskRunner"));
        assertThat(((Map<?, ?>) properties.get("masters")).get("title"), is("How many masters (M) regress the doctor."));
        assertThat(((Map<?, ?>) properties.get("doctorData")).get("title"),
            is("A labelled data set URI the doctor learns to classify (trainer `--doctor-data`)."));
    }

    private Map<String, Object> outputProperties(Class<? extends Task> task) {
        return properties(jsonSchemaGenerator.outputs(Task.class, task));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> schema) {
        assertThat(schema, hasKey("properties"));
        return (Map<String, Object>) schema.get("properties");
    }
}

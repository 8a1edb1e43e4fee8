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
            containsInAnyOrder("report", "reportHtml", "runId", "imageAuroc", "pixelAuroc", "aupro", "f1Max", "threshold", "outputFiles"));
        assertThat(outputProperties(RegisterModel.class).keySet(), containsInAnyOrder("registered", "name", "version", "reason", "source", "versionSource"));
        assertThat(outputProperties(PromoteModel.class).keySet(), containsInAnyOrder("name", "alias", "version", "previousVersion"));
        assertThat(outputProperties(EndRun.class).keySet(), containsInAnyOrder("runId", "status"));
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

    /** The gauges the trainer's output line carries (services/trainer OutputLine) are declared where they are emitted. */
    @Test
    void metricsTheTrainerEmitsAreDeclared() {
        for (Class<?> training : List.of(TrainDoctor.class, TrainMaster.class, TrainBachelor.class)) {
            assertThat(training.getSimpleName(), metrics(training), contains("loss"));
        }
        assertThat(metrics(AssembleBundle.class), contains("decision_threshold"));
        assertThat(metrics(Evaluate.class), containsInAnyOrder("image_auroc", "pixel_auroc", "aupro", "f1_max", "threshold"));
        for (Class<?> quiet : List.of(PrepareDataset.class, RegisterModel.class, PromoteModel.class, EndRun.class)) {
            assertThat(quiet.getSimpleName(), metrics(quiet), empty());
        }
    }

    private static List<String> metrics(Class<?> task) {
        return java.util.Arrays.stream(task.getAnnotation(io.kestra.core.models.annotations.Plugin.class).metrics())
            .peek(metric -> assertThat(metric.name(), metric.type(), is(io.kestra.core.models.executions.metrics.Gauge.TYPE)))
            .map(io.kestra.core.models.annotations.Metric::name).toList();
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

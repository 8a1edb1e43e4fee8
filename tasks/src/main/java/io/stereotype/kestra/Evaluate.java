package io.stereotype.kestra;

import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Metric;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.executions.metrics.Gauge;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.RunnableTask;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import lombok.Builder;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

import java.net.URI;
import java.util.List;
import java.util.Map;

@SuperBuilder
@ToString
@EqualsAndHashCode
@Getter
@NoArgsConstructor
@Schema(
    title = "Evaluate a model bundle on a data set's test split (trainer `evaluate`).",
    description = "Writes `report.json` and `report.html` (anomaly maps, ROC curve, bias statistics) into `out` and logs "
        + "them in an MLflow run. Both are also the task's output files, kept in Kestra's storage, so the execution's "
        + "Outputs tab previews them. The metrics become task outputs and Kestra metrics."
)
@Plugin(examples = @Example(full = true, title = "Evaluate a bundle and log its image AUROC", code = """
    id: evaluate
    namespace: io.stereotype
    inputs:
      - id: bundle
        type: STRING
    tasks:
      - id: evaluate
        type: io.stereotype.kestra.Evaluate
        model: "{{ inputs.bundle }}"
        data: s3://datasets/bottles
        out: s3://stereotype/reports/{{ execution.id }}
      - id: log
        type: io.kestra.plugin.core.log.Log
        message: "image AUROC {{ outputs.evaluate.imageAuroc }}, report {{ outputs.evaluate.reportHtml }}"
    """),
    metrics = {
        @Metric(name = "image_auroc", type = Gauge.TYPE, description = "Image-level AUROC on the test split."),
        @Metric(name = "pixel_auroc", type = Gauge.TYPE, description = "Pixel-level AUROC; only for data sets with ground-truth masks."),
        @Metric(name = "aupro", type = Gauge.TYPE, description = "Area under the per-region overlap curve up to FPR 0.3; only with masks."),
        @Metric(name = "f1_max", type = Gauge.TYPE, description = "Best image-level F1 score over all thresholds."),
        @Metric(name = "threshold", type = Gauge.TYPE, description = "The image score threshold that reaches f1_max.")
    })
// RunnableTask is repeated with its concrete output: Kestra's documentation finds the output class there
public class Evaluate extends TrainerTask<Evaluate.Output> implements RunnableTask<Evaluate.Output> {
    private static final List<String> REPORT_FILES = List.of("report.json", "report.html");

    @Schema(title = "The model bundle to evaluate.")
    @NotNull
    private Property<String> model;

    @Schema(title = "The data set URI whose test split is scored.")
    @NotNull
    private Property<String> data;

    @Schema(title = "The folder that receives the report.")
    @NotNull
    private Property<String> out;

    @Schema(title = "The MLflow parent run; the evaluation run becomes its child.")
    private Property<String> parentRunId;

    @Override
    protected List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException {
        return TrainerArguments.command(runContext, getId(), "evaluate")
            .required("--model", model, String.class)
            .required("--data", data, String.class)
            .required("--out", out, String.class)
            .optional("--parent-run-id", parentRunId, String.class)
            .required("--copy-report-to", Property.ofValue("."), String.class)
            .toList();
    }

    /** The trainer copies both reports into its working directory (`--copy-report-to .`), where Kestra collects them. */
    @Override
    protected List<String> stepOutputFiles() {
        return REPORT_FILES;
    }

    @Override
    protected Output output(TrainerOutputs outputs) {
        return Output.builder()
            .report(outputs.uri("report"))
            .reportHtml(outputs.uri("reportHtml"))
            .runId(outputs.string("runId"))
            .imageAuroc(outputs.number("imageAuroc"))
            .pixelAuroc(outputs.numberOrNull("pixelAuroc"))
            .aupro(outputs.numberOrNull("aupro"))
            .f1Max(outputs.number("f1Max"))
            .threshold(outputs.number("threshold"))
            .outputFiles(outputs.outputFiles())
            .build();
    }

    @Builder
    @Getter
    public static class Output implements io.kestra.core.models.tasks.Output {
        @Schema(title = "The machine-readable report, `report.json`; the register step reads it.")
        private final URI report;
        @Schema(title = "The report for people, `report.html`.")
        private final URI reportHtml;
        @Schema(title = "The MLflow run of this evaluation.")
        private final String runId;
        @Schema(title = "Image-level AUROC.")
        private final Double imageAuroc;
        @Schema(title = "Pixel-level AUROC; absent for data sets without ground-truth masks.")
        private final Double pixelAuroc;
        @Schema(title = "Area under the per-region overlap curve up to FPR 0.3; absent without masks.")
        private final Double aupro;
        @Schema(title = "Best image-level F1 score over all thresholds.")
        private final Double f1Max;
        @Schema(title = "The image score threshold that reaches `f1Max` on this test set.")
        private final Double threshold;
        @Schema(title = "`report.json` and `report.html` in Kestra's storage (`kestra://` URIs), previewed by the UI.")
        private final Map<String, URI> outputFiles;
    }
}

package io.stereotype.kestra;

import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Plugin;
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

import java.util.List;

@SuperBuilder
@ToString
@EqualsAndHashCode
@Getter
@NoArgsConstructor
@Schema(
    title = "Register a model bundle in the MLflow model registry if its metrics pass (trainer `register`).",
    description = "The gate: the trainer compares the report's metrics with the thresholds and creates a model "
        + "version only when all of them pass. A bundle that fails the gate is not an error: the task succeeds "
        + "with `registered` false. A bundle that passes is first copied to `<modelsRoot>/<modelName>/<bundle hash>`, "
        + "the copy the services load (the version's `stereotype.bundle` tag), so that the retrain's folder can be "
        + "expired; the version itself is an MLflow Model logged in the run's artifacts (`versionSource`)."
)
@Plugin(examples = @Example(full = true, title = "Register a bundle when its image AUROC reaches 0.95", code = """
    id: register
    namespace: io.stereotype
    inputs:
      - id: bundle
        type: STRING
      - id: report
        type: STRING
    tasks:
      - id: register
        type: io.stereotype.kestra.RegisterModel
        model: "{{ inputs.bundle }}"
        report: "{{ inputs.report }}"
        modelName: bottles
        minImageAuroc: 0.95
      - id: log
        type: io.kestra.plugin.core.log.Log
        message: "registered {{ outputs.register.registered }} {{ outputs.register.reason ?? '' }}"
    """))
// RunnableTask is repeated with its concrete output: Kestra's documentation finds the output class there
public class RegisterModel extends TrainerTask<RegisterModel.Output> implements RunnableTask<RegisterModel.Output> {
    @Schema(title = "The model bundle to register.")
    @NotNull
    private Property<String> model;

    @Schema(title = "The bundle's `report.json`, as written by the evaluate step.")
    @NotNull
    private Property<String> report;

    @Schema(title = "The registered model's name.")
    @NotNull
    private Property<String> modelName;

    @Schema(title = "The MLflow run the version comes from: the retrain's parent run, so the registry links to it.")
    private Property<String> runId;

    @Schema(
        title = "Where registered versions live, kept when retrain folders expire: an `s3://bucket/key` URI.",
        description = "Each version's bundle is copied to `<modelsRoot>/<modelName>/<bundle hash>`. MLflow accepts no "
            + "local path as a version's source, so a local root fails the task. Empty: the trainer's default, `models` "
            + "beside the folder that holds the bundle's retrain folder (`s3://stereotype/models` for the retrain flow's "
            + "default work URI)."
    )
    private Property<String> modelsRoot;

    @Schema(title = "Lowest image AUROC that may be registered.")
    private Property<Double> minImageAuroc;

    @Schema(title = "Lowest pixel AUROC that may be registered.")
    private Property<Double> minPixelAuroc;

    @Schema(title = "Lowest AUPRO that may be registered.")
    private Property<Double> minAupro;

    @Override
    protected List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException {
        return TrainerArguments.command(runContext, getId(), "register")
            .required("--model", model, String.class)
            .required("--report", report, String.class)
            .required("--name", modelName, String.class)
            .optional("--run-id", runId, String.class)
            .optional("--models-root", modelsRoot, String.class)
            .optional("--min-image-auroc", minImageAuroc, Double.class)
            .optional("--min-pixel-auroc", minPixelAuroc, Double.class)
            .optional("--min-aupro", minAupro, Double.class)
            .toList();
    }

    @Override
    protected Output output(TrainerOutputs outputs) {
        return Output.builder()
            .registered(outputs.bool("registered"))
            .name(outputs.string("name"))
            .version(outputs.integerOrNull("version"))
            .reason(outputs.stringOrNull("reason"))
            .source(outputs.stringOrNull("source"))
            .versionSource(outputs.stringOrNull("versionSource"))
            .build();
    }

    @Builder
    @Getter
    public static class Output implements io.kestra.core.models.tasks.Output {
        @Schema(title = "Whether the bundle passed the thresholds and became a model version.")
        private final Boolean registered;
        @Schema(title = "The registered model's name.")
        private final String name;
        @Schema(title = "The new model version; absent when the bundle was not registered.")
        private final Integer version;
        @Schema(title = "Why the bundle was not registered, e.g. `image_auroc 0.8100 is below the required 0.9000`; absent when it was.")
        private final String reason;
        @Schema(title = "The version's bundle: its copy under the models root; absent when the bundle was not registered.")
        private final String source;
        @Schema(title = "The version's source in MLflow: the MLflow Model in the run's artifacts (`mlflow-artifacts:/...`); absent when the bundle was not registered.")
        private final String versionSource;
    }
}

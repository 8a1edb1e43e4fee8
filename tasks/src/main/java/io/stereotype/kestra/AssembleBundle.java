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

@SuperBuilder
@ToString
@EqualsAndHashCode
@Getter
@NoArgsConstructor
@Schema(
    title = "Assemble the model bundle (trainer `assemble`).",
    description = "Collects every trained network of the work URI, calibrates the score terms on held-out normal "
        + "images and writes one bundle with a manifest and checksums."
)
@Plugin(examples = @Example(full = true, title = "Assemble the bundle of a finished retrain", code = """
    id: assemble
    namespace: io.stereotype
    inputs:
      - id: work
        type: STRING
    tasks:
      - id: assemble
        type: io.stereotype.kestra.AssembleBundle
        work: "{{ inputs.work }}"
        bundle: "{{ inputs.work }}/bundle"
    """),
    metrics = {
        @Metric(name = "decision_threshold", type = Gauge.TYPE, description = "The anomaly score threshold calibrated on held-out normal images.")
    })
// RunnableTask is repeated with its concrete output: Kestra's documentation finds the output class there
public class AssembleBundle extends TrainerTask<AssembleBundle.Output> implements RunnableTask<AssembleBundle.Output> {
    @Schema(title = "The work URI of the retrain whose networks are assembled.")
    @NotNull
    private Property<String> work;

    @Schema(title = "Where to write the bundle.")
    @NotNull
    private Property<String> bundle;

    @Override
    protected List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException {
        return TrainerArguments.command(runContext, getId(), "assemble")
            .required("--work", work, String.class)
            .required("--out", bundle, String.class)
            .toList();
    }

    @Override
    protected Output output(TrainerOutputs outputs) {
        return Output.builder()
            .bundle(outputs.uri("bundle"))
            .bundleHash(outputs.string("bundleHash"))
            .decisionThreshold(outputs.number("decisionThreshold"))
            .build();
    }

    @Builder
    @Getter
    public static class Output implements io.kestra.core.models.tasks.Output {
        @Schema(title = "The assembled model bundle.")
        private final URI bundle;
        @Schema(title = "Content hash of the bundle, from its manifest; recorded on the MLflow parent run.")
        private final String bundleHash;
        @Schema(title = "The image score above which the bundle calls an image anomalous, calibrated on held-out normal images.")
        private final Double decisionThreshold;
    }
}

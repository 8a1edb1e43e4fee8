package io.stereotype.kestra;

import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Metric;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.executions.metrics.Gauge;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
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
    title = "Train one master network (trainer `train-student --role master`).",
    description = "Master I regresses the doctor's standardised descriptors; writes `<work>/master-I/`. "
        + "Runs on the CUDA image with a GPU by default."
)
@Plugin(examples = @Example(full = true, title = "Train masters 1 to 3 in parallel", code = """
    id: masters
    namespace: io.stereotype
    inputs:
      - id: work
        type: STRING
    tasks:
      - id: masters
        type: io.kestra.plugin.core.flow.Loop
        values: [1, 2, 3]
        concurrencyLimit: 0
        tasks:
          - id: master
            type: io.stereotype.kestra.TrainMaster
            work: "{{ inputs.work }}"
            master: "{{ item.value }}"
    """),
    metrics = {
        @Metric(name = "loss", type = Gauge.TYPE, description = "The final training loss of the network.")
    })
public class TrainMaster extends TrainingTask {
    @Schema(title = "Which master to train, numbered from 1.")
    @NotNull
    private Property<Integer> master;

    @Override
    protected List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException {
        return TrainerArguments.command(runContext, getId(), "train-student", "--role", "master")
            .required("--work", work, String.class)
            .required("--master", master, Integer.class)
            .optional("--parent-run-id", parentRunId, String.class)
            .toList();
    }
}

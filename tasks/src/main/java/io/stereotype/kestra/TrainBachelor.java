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
    title = "Train one bachelor network (trainer `train-student --role bachelor`).",
    description = "Bachelor J of master I regresses that master's standardised descriptors; writes "
        + "`<work>/bachelor-I-J/`. Its master must be trained first. Runs on the CUDA image with a GPU by default."
)
@Plugin(examples = @Example(full = true, title = "Train the two bachelors of master 1 in parallel", code = """
    id: bachelors
    namespace: io.stereotype
    inputs:
      - id: work
        type: STRING
    tasks:
      - id: bachelors
        type: io.kestra.plugin.core.flow.Loop
        values: [1, 2]
        concurrencyLimit: 0
        tasks:
          - id: bachelor
            type: io.stereotype.kestra.TrainBachelor
            work: "{{ inputs.work }}"
            master: 1
            bachelor: "{{ item.value }}"
    """),
    metrics = {
        @Metric(name = "loss", type = Gauge.TYPE, description = "The final training loss of the network.")
    })
public class TrainBachelor extends TrainingTask {
    @Schema(title = "The master this bachelor learns from, numbered from 1.")
    @NotNull
    private Property<Integer> master;

    @Schema(title = "Which bachelor of that master to train, numbered from 1.")
    @NotNull
    private Property<Integer> bachelor;

    @Override
    protected List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException {
        return TrainerArguments.command(runContext, getId(), "train-student", "--role", "bachelor")
            .required("--work", work, String.class)
            .required("--master", master, Integer.class)
            .required("--index", bachelor, Integer.class)
            .optional("--parent-run-id", parentRunId, String.class)
            .toList();
    }
}

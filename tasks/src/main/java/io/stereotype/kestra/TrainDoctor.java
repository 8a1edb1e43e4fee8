package io.stereotype.kestra;

import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.annotations.Example;
import io.kestra.core.models.annotations.Metric;
import io.kestra.core.models.annotations.Plugin;
import io.kestra.core.models.executions.metrics.Gauge;
import io.kestra.core.runners.RunContext;
import io.swagger.v3.oas.annotations.media.Schema;
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
    title = "Train the doctor network (trainer `train-doctor`).",
    description = "The patch network with a classification head, trained on the prepared data; writes `<work>/doctor/`. "
        + "Runs on the CUDA image with a GPU by default."
)
@Plugin(examples = @Example(full = true, title = "Train the doctor after prep on GPU 0, giving up after 6 hours", code = """
    id: doctor
    namespace: io.stereotype
    inputs:
      - id: work
        type: STRING
      - id: parentRunId
        type: STRING
    tasks:
      - id: doctor
        type: io.stereotype.kestra.TrainDoctor
        work: "{{ inputs.work }}"
        parentRunId: "{{ inputs.parentRunId }}"
        gpuDevices: ["0"]
        timeout: PT6H
    """),
    metrics = {
        @Metric(name = "loss", type = Gauge.TYPE, description = "The final training loss of the network.")
    })
public class TrainDoctor extends TrainingTask {
    @Override
    protected List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException {
        return TrainerArguments.command(runContext, getId(), "train-doctor")
            .required("--work", work, String.class)
            .optional("--parent-run-id", parentRunId, String.class)
            .toList();
    }
}

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
import java.util.Locale;
import java.util.Set;

@SuperBuilder
@ToString
@EqualsAndHashCode
@Getter
@NoArgsConstructor
@Schema(
    title = "End the MLflow parent run of a retrain (trainer `end-run`).",
    description = "Sets the parent run's final status: FINISHED when the retrain ended, FAILED when a step failed, "
        + "KILLED when the execution was killed. The trainer finds the run from the work folder (or `runId`) and does "
        + "nothing when there is no run to end, e.g. when prep failed before creating it."
)
@Plugin(examples = @Example(full = true, title = "Mark the parent run FAILED when any step fails", code = """
    id: retrain_with_lifecycle
    namespace: io.stereotype
    inputs:
      - id: work
        type: STRING
    tasks:
      - id: doctor
        type: io.stereotype.kestra.TrainDoctor
        work: "{{ inputs.work }}"
    errors:
      - id: run_failed
        type: io.stereotype.kestra.EndRun
        work: "{{ inputs.work }}"
        status: FAILED
    """))
// RunnableTask is repeated with its concrete output: Kestra's documentation finds the output class there
public class EndRun extends TrainerTask<EndRun.Output> implements RunnableTask<EndRun.Output> {
    private static final Set<String> STATUSES = Set.of("FINISHED", "FAILED", "KILLED");

    @Schema(title = "The work URI of the retrain, as returned by the prep step (or the one given to it).")
    @NotNull
    private Property<String> work;

    @Schema(title = "The final status of the run: FINISHED, FAILED or KILLED.")
    @NotNull
    private Property<String> status;

    @Schema(title = "The run to end; the work folder's parent run when empty.")
    private Property<String> runId;

    @Override
    protected List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException {
        String rendered = runContext.render(status).as(String.class).orElse("").strip().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(rendered)) {
            throw new IllegalArgumentException("Task '%s': status must be FINISHED, FAILED or KILLED, not '%s'".formatted(getId(), rendered));
        }
        return TrainerArguments.command(runContext, getId(), "end-run")
            .required("--work", work, String.class)
            .required("--status", Property.ofValue(rendered), String.class)
            .optional("--run-id", runId, String.class)
            .toList();
    }

    /** There may be no run to end: the trainer then exits 0 and may print no output line. */
    @Override
    protected boolean outputLineRequired() {
        return false;
    }

    /** The trainer names the run {@code parentRunId}, and says {@code ended: false} when there was no run to end. */
    @Override
    protected Output output(TrainerOutputs outputs) {
        if (!"true".equals(outputs.stringOrNull("ended"))) {
            return Output.builder().build();
        }
        return Output.builder().runId(outputs.stringOrNull("parentRunId")).status(outputs.stringOrNull("status")).build();
    }

    @Builder
    @Getter
    public static class Output implements io.kestra.core.models.tasks.Output {
        @Schema(title = "The run that was ended; absent when there was none.")
        private final String runId;
        @Schema(title = "The status it was given; absent when there was no run.")
        private final String status;
    }
}

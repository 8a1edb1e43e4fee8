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
    title = "Point a registry alias at a model version (trainer `promote`).",
    description = "Moves the alias (e.g. `production`) of a registered model to a version; the scorer follows the "
        + "alias. Rolling back is the same call with the previous version, which this task returns."
)
@Plugin(examples = @Example(full = true, title = "Promote version 7 of model bottles to production", code = """
    id: promote
    namespace: io.stereotype
    tasks:
      - id: promote
        type: io.stereotype.kestra.PromoteModel
        modelName: bottles
        modelVersion: 7
        alias: production
      - id: log
        type: io.kestra.plugin.core.log.Log
        message: "production was version {{ outputs.promote.previousVersion ?? 'none' }}"
    """))
// RunnableTask is repeated with its concrete output: Kestra's documentation finds the output class there
public class PromoteModel extends TrainerTask<PromoteModel.Output> implements RunnableTask<PromoteModel.Output> {
    @Schema(title = "The registered model's name.")
    @NotNull
    private Property<String> modelName;

    // not `version`: Kestra's Task already has a `version` property (the plugin version to run)
    @Schema(title = "The model version the alias should point at.")
    @NotNull
    private Property<Integer> modelVersion;

    @Schema(title = "The alias to move; the trainer's default is `production`.")
    private Property<String> alias;

    @Override
    protected List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException {
        return TrainerArguments.command(runContext, getId(), "promote")
            .required("--name", modelName, String.class)
            .required("--version", modelVersion, Integer.class)
            .optional("--alias", alias, String.class)
            .toList();
    }

    @Override
    protected Output output(TrainerOutputs outputs) {
        return Output.builder()
            .name(outputs.string("name"))
            .alias(outputs.string("alias"))
            .version(outputs.integer("version"))
            .previousVersion(outputs.integerOrNull("previousVersion"))
            .build();
    }

    @Builder
    @Getter
    public static class Output implements io.kestra.core.models.tasks.Output {
        @Schema(title = "The registered model's name.")
        private final String name;
        @Schema(title = "The alias that was moved.")
        private final String alias;
        @Schema(title = "The version the alias now points at.")
        private final Integer version;
        @Schema(title = "The version the alias pointed at before; absent if it pointed nowhere. Promote it to roll back.")
        private final Integer previousVersion;
    }
}

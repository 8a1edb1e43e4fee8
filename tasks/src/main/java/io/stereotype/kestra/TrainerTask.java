package io.stereotype.kestra;

import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.Output;
import io.kestra.core.models.tasks.RunnableTask;
import io.kestra.core.models.tasks.RunnableTaskException;
import io.kestra.core.runners.RunContext;
import io.kestra.core.models.tasks.runners.TaskRunner;
import io.kestra.plugin.core.runner.Process;
import io.kestra.plugin.scripts.runner.docker.Docker;
import io.kestra.plugin.scripts.exec.AbstractExecScript;
import io.kestra.plugin.scripts.exec.scripts.models.ScriptOutput;
import io.kestra.plugin.scripts.exec.scripts.runners.CommandsWrapper;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import lombok.Builder;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of the Stereotype trainer (docs/cli.md) run through a Kestra task runner. A subclass declares its
 * properties, the trainer arguments they make ({@link #trainerArguments}) and how the trainer's output line becomes
 * its typed output ({@link #output}); running, quoting and reading the output line happen here, once.
 *
 * @param <O> the task's typed output
 */
@SuperBuilder
@ToString
@EqualsAndHashCode
@Getter
@NoArgsConstructor
public abstract class TrainerTask<O extends Output> extends AbstractExecScript implements RunnableTask<O> {
    @Schema(
        title = "The command that starts the trainer; the step's arguments are appended to it.",
        description = "The default starts the trainer inside its image. With `localProcess`, point it at a local build, "
            + "e.g. `[\"java\", \"-jar\", \"/opt/stereotype/services/trainer/target/quarkus-app/quarkus-run.jar\"]`."
    )
    @NotNull
    @Builder.Default
    protected Property<List<String>> trainerCommand = Property.ofValue(TrainerDefaults.IMAGE_COMMAND);

    @Schema(title = "The trainer image, used by container task runners such as Docker.")
    @Builder.Default
    protected Property<String> containerImage = Property.ofValue(TrainerDefaults.CPU_IMAGE);

    @Schema(
        title = "Run the trainer as a process of the Kestra worker (Kestra's Process task runner) instead of `taskRunner`.",
        description = "For machines without Docker, where `trainerCommand` names a local trainer. A property rather than "
            + "`taskRunner` because it takes an expression: a flow sets every step from one input, so one value switches "
            + "a whole pipeline."
    )
    @NotNull
    @Builder.Default
    protected Property<Boolean> localProcess = Property.ofValue(false);

    @Schema(
        title = "Docker network the trainer container joins (Docker runner only).",
        description = "Set it to the network MLflow and MinIO are on (the compose file's `stereotype`), so the trainer "
            + "reaches them by name; empty keeps Docker's default bridge network."
    )
    protected Property<String> dockerNetwork;

    /** The trainer subcommand and its flags, rendered from this task's properties. */
    protected abstract List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException;

    /** This task's typed output, read from the {@code outputs} of the trainer's output line. */
    protected abstract O output(TrainerOutputs outputs);

    @Override
    public O run(RunContext runContext) throws Exception {
        String commandLine = commandLine(runContext);
        runContext.logger().info("Trainer command: {}", commandLine);
        ScriptOutput script = runExplainingFailure(commands(runContext, commandLine), commandLine);
        return output(TrainerOutputs.of(getId(), commandLine, script.getVars()));
    }

    private CommandsWrapper commands(RunContext runContext, String commandLine) throws IllegalVariableEvaluationException {
        CommandsWrapper commands = this.commands(runContext)
            .withInterpreter(this.interpreter)
            .withBeforeCommands(this.beforeCommands)
            .withBeforeCommandsWithOptions(true)
            .withCommands(Property.ofValue(List.of(commandLine)))
            .withLogConsumer(new TrainerLogConsumer(runContext));
        return commands.withTaskRunner(runner(runContext));
    }

    /** Where the trainer runs: a local process, or the task runner (a Docker one joined to {@code dockerNetwork}). */
    TaskRunner<?> runner(RunContext runContext) throws IllegalVariableEvaluationException {
        if (runContext.render(localProcess).as(Boolean.class).orElseThrow()) {
            return Process.instance();
        }
        String network = runContext.render(dockerNetwork).as(String.class).orElse("");
        if (!network.isBlank() && getTaskRunner() instanceof Docker docker) {
            return docker.toBuilder().networkMode(network).build();
        }
        return getTaskRunner();
    }

    /** A failed trainer surfaces as the runner's bare exit code: say which task, what the code means, and the command. */
    private ScriptOutput runExplainingFailure(CommandsWrapper commands, String commandLine) throws Exception {
        try {
            return commands.run();
        } catch (RunnableTaskException e) {
            if (e.getOutput() instanceof ScriptOutput failed) {
                throw new RunnableTaskException("Task '%s': the trainer exited with code %d (%s); command: %s".formatted(
                    getId(), failed.getExitCode(), TrainerExitCode.describe(failed.getExitCode()), commandLine), e, failed);
            }
            throw e;
        }
    }

    /**
     * The shell command line that runs this step: {@code trainerCommand} followed by the step's arguments, each one
     * quoted. Passed as a fixed value so the task runner does not render it again: a rendered input holding
     * {@code {{ ... }}} stays text.
     */
    String commandLine(RunContext runContext) throws IllegalVariableEvaluationException {
        List<String> words = new ArrayList<>(runContext.render(trainerCommand).asList(String.class));
        if (words.isEmpty()) {
            throw new IllegalArgumentException("Task '%s': trainerCommand is empty".formatted(getId()));
        }
        words.addAll(trainerArguments(runContext));
        return ShellCommandLine.of(words);
    }
}

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

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
    /** What a Kestra secret name may be here: it is put into a {@code secret('...')} expression. */
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

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

    @Schema(
        title = "Credentials of the trainer, read from Kestra secrets: environment variable to secret name.",
        description = "The default reads the secrets `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `MLFLOW_TRACKING_USERNAME`, "
            + "`MLFLOW_TRACKING_PASSWORD` and `MLFLOW_TRACKING_TOKEN` into the variables of the same names (open source "
            + "Kestra: environment variables `SECRET_<NAME>` holding the base64 value). Their values never pass through "
            + "inputs or outputs, and Kestra masks them in logs. A secret that is not configured, or empty, is skipped with "
            + "an INFO log line: the trainer then reads the variable from the worker's environment (`localProcess`) or "
            + "goes without it, as a local run with no secrets does. Addresses that are not secret "
            + "(`MLFLOW_TRACKING_URI`, `AWS_ENDPOINT_URL_S3`, `AWS_REGION`) go in `env`."
    )
    @Builder.Default
    protected Property<Map<String, String>> credentialSecrets = Property.ofValue(TrainerDefaults.CREDENTIAL_SECRETS);

    @Schema(
        title = "The Kestra UI's base URL, e.g. `https://kestra.example.com`: the trainer's MLflow runs then link to this execution.",
        description = "Empty: the `kestra.url` of the Kestra server's configuration, when it has one; otherwise the runs "
            + "name the execution (tags `kestra.namespace`, `kestra.flow`, `kestra.execution_id`) without a link."
    )
    protected Property<String> kestraUrl;

    @Schema(
        title = "The Kestra execution the trainer's MLflow runs name and link to; empty: the one this task runs in.",
        description = "Kestra 2.0 runs each `Loop` iteration as an execution of its own and gives a task inside a nested "
            + "loop the id of its outer iteration's execution, not the one started by the user; flows/retrain.yaml "
            + "passes its own `{{ execution.id }}`, resolved at the top level, to the masters and bachelors."
    )
    protected Property<String> kestraExecutionId;

    /** The trainer subcommand and its flags, rendered from this task's properties. */
    protected abstract List<String> trainerArguments(RunContext runContext) throws IllegalVariableEvaluationException;

    /** This task's typed output, read from the {@code outputs} of the trainer's output line. */
    protected abstract O output(TrainerOutputs outputs);

    @Override
    public O run(RunContext runContext) throws Exception {
        String commandLine = commandLine(runContext);
        runContext.logger().info("Trainer command: {}", commandLine);
        ScriptOutput script = runExplainingFailure(commands(runContext, commandLine), commandLine);
        return output((outputLineRequired()
            ? TrainerOutputs.of(getId(), commandLine, script.getVars())
            : TrainerOutputs.ofOptional(getId(), commandLine, script.getVars())).withOutputFiles(script.getOutputFiles()));
    }

    /**
     * Files the trainer writes into the step's working directory that Kestra keeps as the task's output files (in
     * its storage, previewed by the UI), besides any the flow lists in {@code outputFiles}; none by default.
     */
    protected List<String> stepOutputFiles() {
        return List.of();
    }

    /** False for a step whose trainer command may print no output line (it had nothing to do). */
    protected boolean outputLineRequired() {
        return true;
    }

    /**
     * The {@code credentialSecrets} that are configured, as environment variables. A missing secret is not an error
     * (Kestra's {@code secret()} would fail the step): credentials are optional for the trainer, which may run with
     * local run records and files, or inherit them from the worker.
     */
    Map<String, String> credentials(RunContext runContext) throws IllegalVariableEvaluationException {
        Map<String, String> variables = new TreeMap<>(runContext.render(credentialSecrets).asMap(String.class, String.class));
        Map<String, String> credentials = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : variables.entrySet()) {
            String secret = entry.getValue();
            if (secret == null || !SECRET_NAME.matcher(secret).matches()) {
                throw new IllegalArgumentException("Task '%s': credentialSecrets.%s must name a Kestra secret (letters, digits, _ . -), not '%s'"
                    .formatted(getId(), entry.getKey(), secret));
            }
            try {
                String value = runContext.render("{{ secret('" + secret + "') }}");
                if (value.isEmpty()) {
                    runContext.logger().info("Kestra secret {} is empty: {} is not set from it", secret, entry.getKey());
                } else {
                    credentials.put(entry.getKey(), value);
                }
            } catch (IllegalVariableEvaluationException e) {
                if (!isMissingSecret(e)) {
                    throw e;
                }
                runContext.logger().info("No Kestra secret {}: {} is not set from it", secret, entry.getKey());
            }
        }
        return credentials;
    }

    private static boolean isMissingSecret(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.kestra.core.secret.SecretNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private CommandsWrapper commands(RunContext runContext, String commandLine) throws IllegalVariableEvaluationException {
        CommandsWrapper commands = this.commands(runContext)
            .withInterpreter(this.interpreter)
            .withBeforeCommands(this.beforeCommands)
            .withBeforeCommandsWithOptions(true)
            .withCommands(Property.ofValue(List.of(commandLine)))
            .withLogConsumer(new TrainerLogConsumer(runContext));
        // a copy: the wrapper may hold the rendered `env` as an unmodifiable map
        Map<String, String> env = new LinkedHashMap<>(commands.getEnv() == null ? Map.of() : commands.getEnv());
        env.putAll(credentials(runContext));
        env.putAll(KestraExecutionEnvironment.of(runContext, runContext.render(kestraExecutionId).as(String.class).orElse(""),
            runContext.render(kestraUrl).as(String.class).orElse("")));
        env.putAll(stepEnvironment(runContext));
        List<String> outputFiles = new ArrayList<>(commands.getOutputFiles() == null ? List.of() : commands.getOutputFiles());
        outputFiles.addAll(stepOutputFiles());
        return commands.withEnv(env).withOutputFiles(outputFiles).withTaskRunner(runner(runContext));
    }

    /** Variables this kind of step adds to the trainer's environment; none by default. */
    protected Map<String, String> stepEnvironment(RunContext runContext) throws IllegalVariableEvaluationException {
        return Map.of();
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

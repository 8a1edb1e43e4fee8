package io.stereotype.kestra;

import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The arguments of one trainer command (docs/cli.md): the subcommand, then {@code --flag value} pairs rendered from
 * the task's properties. An optional property that is unset or renders to blank is left out, so the trainer's own
 * default applies; enum values are passed lower-case, as the trainer spells them.
 */
final class TrainerArguments {
    private final RunContext runContext;
    private final String taskId;
    private final List<String> arguments;

    private TrainerArguments(RunContext runContext, String taskId, List<String> command) {
        this.runContext = runContext;
        this.taskId = taskId;
        this.arguments = new ArrayList<>(command);
    }

    /** Starts with the subcommand and any fixed words, e.g. {@code train-student --role master}. */
    static TrainerArguments command(RunContext runContext, String taskId, String... command) {
        return new TrainerArguments(runContext, taskId, Arrays.asList(command));
    }

    <T> TrainerArguments required(String flag, Property<T> property, Class<T> type) throws IllegalVariableEvaluationException {
        String value = render(property, type).orElseThrow(() -> new IllegalArgumentException(
            "Task '%s': %s needs a value, but its property is unset or rendered to nothing".formatted(taskId, flag)));
        arguments.add(flag);
        arguments.add(value);
        return this;
    }

    <T> TrainerArguments optional(String flag, Property<T> property, Class<T> type) throws IllegalVariableEvaluationException {
        Optional<String> value = render(property, type);
        if (value.isPresent()) {
            arguments.add(flag);
            arguments.add(value.get());
        }
        return this;
    }

    List<String> toList() {
        return List.copyOf(arguments);
    }

    private <T> Optional<String> render(Property<T> property, Class<T> type) throws IllegalVariableEvaluationException {
        return runContext.render(property).as(type)
            .map(TrainerArguments::format)
            .filter(value -> !value.isBlank());
    }

    private static String format(Object value) {
        return value instanceof Enum<?> constant ? constant.name().toLowerCase(Locale.ROOT) : String.valueOf(value);
    }
}

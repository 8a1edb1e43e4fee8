package io.stereotype.kestra;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code outputs} of the trainer's output line {@code ::{"outputs":{...}}::}, read as typed values. Task runners
 * collect them into the script's {@code vars}; every error names the task, the key and the command that was run.
 */
final class TrainerOutputs {
    /** A URI scheme such as {@code s3:} or {@code file:}; anything else the trainer prints is a plain path. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");

    private final String taskId;
    private final String commandLine;
    private final Map<String, Object> values;
    private final Map<String, URI> outputFiles;

    private TrainerOutputs(String taskId, String commandLine, Map<String, Object> values, Map<String, URI> outputFiles) {
        this.taskId = taskId;
        this.commandLine = commandLine;
        this.values = values;
        this.outputFiles = outputFiles;
    }

    static TrainerOutputs of(String taskId, String commandLine, Map<String, Object> vars) {
        if (vars == null || vars.isEmpty()) {
            throw new IllegalStateException(("Task '%s': the trainer printed no output line ::{\"outputs\":{...}}:: "
                + "(is trainerCommand a Stereotype trainer?); command: %s").formatted(taskId, commandLine));
        }
        return new TrainerOutputs(taskId, commandLine, vars, Map.of());
    }

    /** The outputs of a command that may print no output line: empty then. */
    static TrainerOutputs ofOptional(String taskId, String commandLine, Map<String, Object> vars) {
        return new TrainerOutputs(taskId, commandLine, vars == null ? Map.of() : vars, Map.of());
    }

    /** The same outputs with the files Kestra stored from the step's working directory ({@code outputFiles}). */
    TrainerOutputs withOutputFiles(Map<String, URI> files) {
        return new TrainerOutputs(taskId, commandLine, values, files == null ? Map.of() : Map.copyOf(files));
    }

    /** File name to its {@code kestra://} URI in Kestra's storage; empty for a step that declares no output files. */
    Map<String, URI> outputFiles() {
        return outputFiles;
    }

    String string(String key) {
        return String.valueOf(require(key));
    }

    /** Null when the trainer did not print it, e.g. the reason of a registration that happened. */
    String stringOrNull(String key) {
        Object value = values.get(key);
        return value == null ? null : String.valueOf(value);
    }

    /** A plain path becomes a {@code file:} URI so every output location has the same form. */
    URI uri(String key) {
        String value = string(key);
        try {
            return SCHEME.matcher(value).matches() ? URI.create(value) : Path.of(value).toUri();
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "a URI or a path");
        }
    }

    Double number(String key) {
        return numberOrNull(require(key), key);
    }

    /** Null when the trainer did not print it, e.g. pixel metrics of a data set without masks. */
    Double numberOrNull(String key) {
        return numberOrNull(values.get(key), key);
    }

    Integer integer(String key) {
        return integerOrNull(require(key), key);
    }

    /** Null when the trainer did not print it, e.g. the previous version of an alias that pointed nowhere. */
    Integer integerOrNull(String key) {
        return integerOrNull(values.get(key), key);
    }

    Boolean bool(String key) {
        Object value = require(key);
        return switch (value) {
            case Boolean b -> b;
            case String s when s.equals("true") || s.equals("false") -> Boolean.valueOf(s);
            default -> throw invalid(key, value, "true or false");
        };
    }

    private Double numberOrNull(Object value, String key) {
        try {
            return switch (value) {
                case null -> null;
                case Number n -> n.doubleValue();
                case String s -> Double.valueOf(s);
                default -> throw invalid(key, value, "a number");
            };
        } catch (NumberFormatException e) {
            throw invalid(key, value, "a number");
        }
    }

    private Integer integerOrNull(Object value, String key) {
        try {
            return switch (value) {
                case null -> null;
                case Integer i -> i;
                case Long l -> Math.toIntExact(l);
                case String s -> Integer.valueOf(s);
                default -> throw invalid(key, value, "an integer");
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw invalid(key, value, "an integer");
        }
    }

    private Object require(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("Task '%s': the trainer's output line has no '%s' (it has %s); command: %s"
                .formatted(taskId, key, values.keySet(), commandLine));
        }
        return value;
    }

    private IllegalStateException invalid(String key, Object value, String expected) {
        return new IllegalStateException("Task '%s': the trainer's output '%s' is %s, expected %s; command: %s"
            .formatted(taskId, key, value, expected, commandLine));
    }
}

package io.stereotype.mlops;

import java.util.Map;
import java.util.Optional;

/** Reading settings from environment variables, where a variable set to blanks counts as unset. */
public final class EnvironmentVariables {
    private EnvironmentVariables() {
    }

    /** The variable's value without surrounding white space; empty when it is unset or blank. */
    public static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}

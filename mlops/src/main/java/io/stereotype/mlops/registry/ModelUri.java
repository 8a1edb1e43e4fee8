package io.stereotype.mlops.registry;

/**
 * A registry reference: {@code models:/<name>@<alias>} or {@code models:/<name>/<version>}.
 * Exactly one of {@code alias} and {@code version} is set.
 */
public record ModelUri(String name, String alias, Integer version) {
    private static final String PREFIX = "models:/";

    public ModelUri {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model name is empty");
        }
        if ((alias == null) == (version == null)) {
            throw new IllegalArgumentException("a model URI names either an alias or a version");
        }
    }

    public static ModelUri alias(String name, String alias) {
        return new ModelUri(name, alias, null);
    }

    public static ModelUri version(String name, int version) {
        return new ModelUri(name, null, version);
    }

    public static ModelUri parse(String uri) {
        if (uri == null || !uri.startsWith(PREFIX) || uri.length() == PREFIX.length()) {
            throw new IllegalArgumentException("not a model URI: '" + uri + "' (expected models:/<name>@<alias> or models:/<name>/<version>)");
        }
        String reference = uri.substring(PREFIX.length());
        int at = reference.lastIndexOf('@');
        if (at > 0 && at < reference.length() - 1) {
            return alias(reference.substring(0, at), reference.substring(at + 1));
        }
        int slash = reference.lastIndexOf('/');
        if (slash > 0) {
            try {
                return version(reference.substring(0, slash), Integer.parseInt(reference.substring(slash + 1)));
            } catch (NumberFormatException notANumber) {
                // reported below with the whole URI
            }
        }
        throw new IllegalArgumentException("not a model URI: '" + uri + "' (expected models:/<name>@<alias> or models:/<name>/<version>)");
    }

    @Override
    public String toString() {
        return PREFIX + name + (alias != null ? "@" + alias : "/" + version);
    }
}

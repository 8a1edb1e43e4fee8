package io.stereotype.scorer.model;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Takes internal locations out of the reload errors that replies carry: the local cache folder and
 * the bundle's storage URI become placeholders, other storage URIs lose everything after the
 * scheme. The log keeps the full message for the operators.
 */
final class ErrorRedaction {
    private static final Pattern STORAGE_URI = Pattern.compile("\\b(s3|file|gs|https?)://[^\\s'\",;)]+");

    private final String cacheDir;

    ErrorRedaction(Path cacheDir) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize().toString();
    }

    String apply(String message, ModelCandidate candidate) {
        String redacted = message.replace(cacheDir, "<cache-dir>");
        if (candidate != null) {
            String location = candidate.location().toString();
            redacted = redacted.replace(location.endsWith("/") ? location.substring(0, location.length() - 1) : location, "<bundle>");
            if ("file".equals(candidate.location().getScheme())) {
                redacted = redacted.replace(Path.of(candidate.location()).toString(), "<bundle>");
            }
        }
        return STORAGE_URI.matcher(redacted).replaceAll("$1://<redacted>");
    }
}

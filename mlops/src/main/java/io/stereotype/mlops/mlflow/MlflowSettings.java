package io.stereotype.mlops.mlflow;

import java.net.URI;
import io.stereotype.mlops.EnvironmentVariables;

import java.util.Map;
import java.util.Optional;

/**
 * How to reach an MLflow tracking server: the standard MLflow environment variables as a plain
 * record, so that any configuration source can build it.
 *
 * @param username with {@code password}: HTTP basic authentication, or null
 * @param token    bearer token, or null; never printed, like the password
 */
public record MlflowSettings(URI trackingUri, String username, String password, String token) {

    public MlflowSettings {
        if (trackingUri == null || !("http".equals(trackingUri.getScheme()) || "https".equals(trackingUri.getScheme()))) {
            throw new IllegalArgumentException("MLflow tracking URI must be http(s)://host:port, got " + trackingUri);
        }
        String text = trackingUri.toString();
        trackingUri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    public static MlflowSettings of(URI trackingUri) {
        return new MlflowSettings(trackingUri, null, null, null);
    }

    /**
     * From {@code MLFLOW_TRACKING_URI}, {@code MLFLOW_TRACKING_USERNAME}, {@code MLFLOW_TRACKING_PASSWORD}
     * and {@code MLFLOW_TRACKING_TOKEN}; empty when no http(s) tracking URI is set.
     */
    public static Optional<MlflowSettings> fromEnvironment(Map<String, String> env) {
        return EnvironmentVariables.value(env, "MLFLOW_TRACKING_URI").map(URI::create)
                .filter(uri -> "http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                .map(uri -> new MlflowSettings(uri, EnvironmentVariables.value(env, "MLFLOW_TRACKING_USERNAME").orElse(null),
                        EnvironmentVariables.value(env, "MLFLOW_TRACKING_PASSWORD").orElse(null),
                        EnvironmentVariables.value(env, "MLFLOW_TRACKING_TOKEN").orElse(null)));
    }

    /** The tracking URI without any user information, for messages and logs. */
    public String endpoint() {
        return trackingUri.getUserInfo() == null ? trackingUri.toString() : trackingUri.toString().replace(trackingUri.getRawUserInfo() + "@", "");
    }

    @Override
    public String toString() {
        return "MlflowSettings[trackingUri=" + endpoint() + ", username=" + username + ", password="
                + (password == null ? null : "****") + ", token=" + (token == null ? null : "****") + "]";
    }
}

package io.stereotype.mlops.storage;

import io.stereotype.mlops.EnvironmentVariables;

import java.util.Map;
import java.util.Optional;

/**
 * How to reach the S3 service (MinIO or AWS). Plain values so that any configuration source can
 * build it; {@link #fromEnvironment} reads the variables users already set for MLflow and the AWS tools.
 *
 * @param accessKey null for anonymous access
 * @param secretKey never printed: {@link #toString()} masks it
 */
public record S3Settings(String endpoint, String accessKey, String secretKey, String region) {
    public static final String DEFAULT_ENDPOINT = "https://s3.amazonaws.com";
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Settings {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("S3 endpoint is empty");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("S3 access key and secret key must be given together");
        }
        region = region == null || region.isBlank() ? DEFAULT_REGION : region;
    }

    /**
     * Endpoint from {@code AWS_ENDPOINT_URL_S3}, else {@code AWS_ENDPOINT_URL}, else
     * {@code MLFLOW_S3_ENDPOINT_URL}, else AWS; credentials from {@code AWS_ACCESS_KEY_ID} and
     * {@code AWS_SECRET_ACCESS_KEY}; region from {@code AWS_REGION} (default us-east-1).
     */
    public static S3Settings fromEnvironment(Map<String, String> env) {
        String endpoint = first(env, "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "MLFLOW_S3_ENDPOINT_URL")
                .orElse(DEFAULT_ENDPOINT);
        return new S3Settings(endpoint, EnvironmentVariables.value(env, "AWS_ACCESS_KEY_ID").orElse(null),
                EnvironmentVariables.value(env, "AWS_SECRET_ACCESS_KEY").orElse(null),
                EnvironmentVariables.value(env, "AWS_REGION").orElse(DEFAULT_REGION));
    }

    private static Optional<String> first(Map<String, String> env, String... names) {
        for (String name : names) {
            Optional<String> found = EnvironmentVariables.value(env, name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey="
                + (secretKey == null ? null : "****") + ", region=" + region + "]";
    }
}

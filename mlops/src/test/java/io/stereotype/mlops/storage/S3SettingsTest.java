package io.stereotype.mlops.storage;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class S3SettingsTest {

    @Test
    void endpointFollowsTheAwsThenMlflowVariables() {
        var all = Map.of("AWS_ENDPOINT_URL_S3", "http://s3only:9000", "AWS_ENDPOINT_URL", "http://aws:9000",
                "MLFLOW_S3_ENDPOINT_URL", "http://mlflow:9000");
        assertEquals("http://s3only:9000", S3Settings.fromEnvironment(all).endpoint());
        assertEquals("http://aws:9000", S3Settings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://aws:9000",
                "MLFLOW_S3_ENDPOINT_URL", "http://mlflow:9000")).endpoint());
        assertEquals("http://mlflow:9000", S3Settings.fromEnvironment(Map.of("MLFLOW_S3_ENDPOINT_URL", "http://mlflow:9000")).endpoint());
        assertEquals(S3Settings.DEFAULT_ENDPOINT, S3Settings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", " ")).endpoint());
    }

    @Test
    void credentialsAndRegion() {
        var settings = S3Settings.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "minio", "AWS_SECRET_ACCESS_KEY", "s3cr3t-value",
                "AWS_REGION", "eu-west-1"));
        assertEquals("minio", settings.accessKey());
        assertEquals("eu-west-1", settings.region());
        assertFalse(settings.toString().contains("s3cr3t-value"), settings.toString());
        var anonymous = S3Settings.fromEnvironment(Map.of());
        assertNull(anonymous.accessKey());
        assertEquals("us-east-1", anonymous.region());
        assertThrows(IllegalArgumentException.class, () -> S3Settings.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "only-the-id")));
    }
}

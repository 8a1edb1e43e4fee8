package io.stereotype.mlops.tracking;

import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.storage.S3Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RunTrackersTest {
    private final ArtifactStores stores = new ArtifactStores(S3Settings.fromEnvironment(Map.of()), RetryPolicy.DEFAULT);

    @TempDir
    Path tmp;

    @Test
    void choosesByTrackingUri() throws Exception {
        try (var local = RunTrackers.fromEnvironment(Map.of(), tmp, stores, RetryPolicy.DEFAULT, RunOrigin.NONE);
             var folder = RunTrackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", tmp.toUri().toString()), tmp, stores, RetryPolicy.DEFAULT, RunOrigin.NONE);
             var server = RunTrackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "http://mlflow:5000"), tmp, stores, RetryPolicy.DEFAULT, RunOrigin.NONE)) {
            assertInstanceOf(LocalRunTracker.class, local);
            assertInstanceOf(LocalRunTracker.class, folder);
            assertInstanceOf(MlflowRunTracker.class, server);
        }
        assertThrows(IllegalArgumentException.class,
                () -> RunTrackers.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "databricks"), tmp, stores, RetryPolicy.DEFAULT, RunOrigin.NONE));
    }
}

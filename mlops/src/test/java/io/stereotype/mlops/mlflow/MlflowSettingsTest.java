package io.stereotype.mlops.mlflow;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MlflowSettingsTest {

    @Test
    void variablesAreStrippedAndBlankOnesCountAsUnset() {
        var settings = MlflowSettings.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", " http://mlflow:5000/ ",
                "MLFLOW_TRACKING_USERNAME", " alice ", "MLFLOW_TRACKING_PASSWORD", "  ", "MLFLOW_TRACKING_TOKEN", ""));
        assertEquals(Optional.of(new MlflowSettings(URI.create("http://mlflow:5000"), "alice", null, null)), settings);
    }

    @Test
    void noTrackingServerWithoutAnHttpUri() {
        assertEquals(Optional.empty(), MlflowSettings.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", " ")));
        assertEquals(Optional.empty(), MlflowSettings.fromEnvironment(Map.of("MLFLOW_TRACKING_URI", "file:///tmp/mlruns")));
        assertEquals(Optional.empty(), MlflowSettings.fromEnvironment(Map.of()));
    }
}

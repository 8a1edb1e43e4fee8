package io.stereotype.mlops.mlflow;

import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.ServiceAccessDeniedException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class MlflowRestTest {
    private final MlflowRest rest = new MlflowRest(new MlflowSettings(URI.create("http://mlflow:5000"), "ann", "wrong", null), RetryPolicy.DEFAULT);

    @Test
    void refusedCredentialsNameTheServerAndTheSettingsToCheck() {
        for (int status : new int[] {401, 403}) {
            RuntimeException failure = rest.failure("GET registered-models/get", status, "<html>You are not authenticated</html>");

            ServiceAccessDeniedException denied = assertInstanceOf(ServiceAccessDeniedException.class, failure);
            assertEquals("MLflow at http://mlflow:5000 refused access (HTTP " + status + " on GET registered-models/get): check"
                    + " MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN", denied.getMessage());
            assertFalse(MlflowRest.isTransient(denied), "a refusal is not retried");
        }
    }

    @Test
    void otherErrorAnswersStayMlflowExceptions() {
        MlflowException missing = assertInstanceOf(MlflowException.class, rest.failure("GET runs/get", 404,
                "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Run 'x' not found\"}"));
        assertEquals(MlflowException.RESOURCE_DOES_NOT_EXIST, missing.errorCode());
    }
}

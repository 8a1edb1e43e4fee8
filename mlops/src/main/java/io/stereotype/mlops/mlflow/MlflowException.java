package io.stereotype.mlops.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** MLflow refused a request; {@link #errorCode()} is MLflow's own (e.g. RESOURCE_DOES_NOT_EXIST). */
public class MlflowException extends RuntimeException {
    public static final String RESOURCE_DOES_NOT_EXIST = "RESOURCE_DOES_NOT_EXIST";
    public static final String RESOURCE_ALREADY_EXISTS = "RESOURCE_ALREADY_EXISTS";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int statusCode;
    private final String errorCode;

    public MlflowException(String request, int statusCode, String errorCode, String detail) {
        super("MLflow " + request + " failed: HTTP " + statusCode + (errorCode.isEmpty() ? "" : " " + errorCode) + ": " + detail);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    /** Reads MLflow's error body ({@code {"error_code": ..., "message": ...}}), or keeps the raw text when it is not one. */
    public static MlflowException fromResponse(String request, int statusCode, String body) {
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.has("error_code")) {
                return new MlflowException(request, statusCode, error.path("error_code").asText(), error.path("message").asText());
            }
        } catch (Exception notJson) {
            // fall through: proxies and crashed servers answer with HTML or plain text
        }
        String text = body == null ? "" : body.strip();
        return new MlflowException(request, statusCode, "", text.length() > 500 ? text.substring(0, 500) + "..." : text);
    }

    public int statusCode() {
        return statusCode;
    }

    public String errorCode() {
        return errorCode;
    }

    /** Worth retrying: the server (or a proxy before it) is overloaded or failing, not refusing the request. */
    public boolean isTransient() {
        return statusCode >= 500 || statusCode == 429;
    }
}

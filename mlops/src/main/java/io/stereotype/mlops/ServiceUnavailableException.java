package io.stereotype.mlops;

/**
 * A remote service (S3, MLflow) stayed unreachable through every retry. Callers treat it as an
 * infrastructure failure, distinct from bad input (the trainer maps it to its own exit code).
 */
public class ServiceUnavailableException extends RuntimeException {
    private final String service;
    private final String endpoint;
    private final int attempts;

    public ServiceUnavailableException(String service, String endpoint, int attempts, Throwable cause) {
        super(service + " endpoint " + endpoint + " unreachable after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ": " + Failures.rootMessage(cause), cause);
        this.service = service;
        this.endpoint = endpoint;
        this.attempts = attempts;
    }

    public String service() {
        return service;
    }

    public String endpoint() {
        return endpoint;
    }

    public int attempts() {
        return attempts;
    }
}

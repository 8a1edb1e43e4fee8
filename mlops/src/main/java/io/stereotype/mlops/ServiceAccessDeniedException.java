package io.stereotype.mlops;

/**
 * A remote service (S3, MLflow) answered but refused the credentials or their rights: a wrong key or
 * password, or an account without access. Retrying cannot help; the message says which service, at
 * which endpoint, and which settings to check, so that it reads well without its cause's details
 * (which may carry a whole HTTP exchange).
 */
public class ServiceAccessDeniedException extends RuntimeException {
    private final String service;
    private final String endpoint;

    /**
     * @param endpoint    shown in the message: pass it without credentials
     * @param refusal     what the service answered, e.g. {@code "SignatureDoesNotMatch"} or {@code "HTTP 401"}
     * @param whatToCheck the settings that hold the credentials, e.g. {@code "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"}
     */
    public ServiceAccessDeniedException(String service, String endpoint, String refusal, String whatToCheck, Throwable cause) {
        super(service + " at " + endpoint + " refused access (" + refusal + "): check " + whatToCheck, cause);
        this.service = service;
        this.endpoint = endpoint;
    }

    public String service() {
        return service;
    }

    public String endpoint() {
        return endpoint;
    }
}

package io.stereotype.scorer.api;

import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** A request the service refuses, with the HTTP status and a message naming what is wrong. */
public class ApiException extends RuntimeException {
    private final Response.Status status;
    private final Duration retryAfter;

    public ApiException(Response.Status status, String message) {
        this(status, message, null);
    }

    private ApiException(Response.Status status, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** 503 with a Retry-After header: the service is busy or has no model yet. */
    public static ApiException unavailable(String message, Duration retryAfter) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, message, retryAfter);
    }

    /** 429 with a Retry-After header: the same thing was asked too soon. */
    public static ApiException tooSoon(String message, Duration retryAfter) {
        return new ApiException(Response.Status.TOO_MANY_REQUESTS, message, retryAfter);
    }

    public Response.Status status() {
        return status;
    }

    /** Null unless the client should retry after this long. */
    public Duration retryAfter() {
        return retryAfter;
    }
}

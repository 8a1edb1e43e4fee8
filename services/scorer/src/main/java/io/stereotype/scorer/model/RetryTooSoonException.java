package io.stereotype.scorer.model;

import java.time.Duration;

/** A reload request for a version that failed too recently to be downloaded again. */
public final class RetryTooSoonException extends RuntimeException {
    private final Duration wait;

    RetryTooSoonException(Duration wait, String message) {
        super(message);
        this.wait = wait;
    }

    public Duration retryAfter() {
        return wait;
    }
}

package io.stereotype.mlops;

import java.time.Duration;

/**
 * How often and how patiently remote calls are retried: {@code maxAttempts} calls in total, waiting
 * {@code initialDelay} after the first failure and multiplying the wait by {@code multiplier} after
 * each further one, never waiting longer than {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {
    /** About 30 s of patience in total: enough to ride out a service restart, short enough to fail a step. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(16));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative: " + initialDelay + ", " + maxDelay);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
    }

    public static RetryPolicy of(int maxAttempts, Duration initialDelay) {
        return new RetryPolicy(maxAttempts, initialDelay, 2.0, initialDelay.multipliedBy(16));
    }

    /** The wait after the given failed attempt (1-based). */
    public Duration delayAfter(int failedAttempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, failedAttempt - 1);
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
    }
}

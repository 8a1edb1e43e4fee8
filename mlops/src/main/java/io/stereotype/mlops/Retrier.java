package io.stereotype.mlops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Predicate;

/**
 * Runs calls to one remote service, retrying transient failures with exponential backoff and
 * turning exhaustion into a {@link ServiceUnavailableException} that names the service and endpoint.
 * Failures that are not transient (bad request, missing object, local file errors) propagate at once.
 */
public final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    private final String service;
    private final String endpoint;
    private final RetryPolicy policy;
    private final Predicate<Throwable> transientFailure;

    /**
     * @param endpoint         shown in messages: pass it without credentials
     * @param transientFailure which failures are worth another attempt
     */
    public Retrier(String service, String endpoint, RetryPolicy policy, Predicate<Throwable> transientFailure) {
        this.service = service;
        this.endpoint = endpoint;
        this.policy = policy;
        this.transientFailure = transientFailure;
    }

    /** A remote call that may throw one checked exception type. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T run() throws E;
    }

    public <T, E extends Exception> T call(String operation, Call<T, E> call) throws E {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (Exception failure) {
                if (!transientFailure.test(failure)) {
                    throw failure;
                }
                if (attempt >= policy.maxAttempts()) {
                    throw new ServiceUnavailableException(service, endpoint, attempt, failure);
                }
                var delay = policy.delayAfter(attempt);
                LOG.warn("{} {} failed (attempt {}/{}), retrying in {} ms: {}", service, operation, attempt,
                        policy.maxAttempts(), delay.toMillis(), Failures.rootMessage(failure));
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    // stop retrying but keep the interrupt for the caller, and report what actually failed
                    Thread.currentThread().interrupt();
                    throw new ServiceUnavailableException(service, endpoint, attempt, failure);
                }
            }
        }
    }
}

package io.stereotype.scorer.api;

import io.stereotype.scorer.config.ScorerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the requests scored at once: inference is CPU- and memory-bound, so more parallel work
 * only makes every request slower. Callers wait up to {@code stereotype.queue-timeout} for a slot,
 * then get 503 with Retry-After.
 */
@ApplicationScoped
public class ConcurrencyLimiter {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore slots;
    private final int size;
    private final Duration queueTimeout;

    @Inject
    public ConcurrencyLimiter(ScorerConfig config) {
        this(config.maxConcurrent(), config.queueTimeout());
    }

    ConcurrencyLimiter(int size, Duration queueTimeout) {
        if (size < 1) {
            throw new IllegalArgumentException("stereotype.max-concurrent must be at least 1, got " + size);
        }
        this.slots = new Semaphore(size, true);
        this.size = size;
        this.queueTimeout = queueTimeout;
    }

    /** @throws ApiException 503 when no slot frees up in time */
    public Slot acquire() {
        try {
            if (slots.tryAcquire(queueTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return slots::release;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw ApiException.unavailable("all " + size + " scoring slots are busy; retry later", RETRY_AFTER);
    }

    /** A held slot; closing it frees the slot. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}

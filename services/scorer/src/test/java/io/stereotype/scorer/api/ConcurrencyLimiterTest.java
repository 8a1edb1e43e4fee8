package io.stereotype.scorer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {

    @Test
    void aFullLimiterRefusesWith503AndRetryAfterUntilASlotIsFreed() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter(2, Duration.ofMillis(20));
        ConcurrencyLimiter.Slot first = limiter.acquire();
        ConcurrencyLimiter.Slot second = limiter.acquire();

        ApiException busy = assertThrows(ApiException.class, limiter::acquire);
        assertEquals(503, busy.status().getStatusCode());
        assertEquals(Duration.ofSeconds(1), busy.retryAfter());
        assertEquals("all 2 scoring slots are busy; retry later", busy.getMessage());

        first.close();
        limiter.acquire().close();
        second.close();
    }

    @Test
    void aLimitBelowOneIsRefusedNamingTheSetting() {
        var error = assertThrows(IllegalArgumentException.class, () -> new ConcurrencyLimiter(0, Duration.ZERO));
        assertEquals("stereotype.max-concurrent must be at least 1, got 0", error.getMessage());
    }
}

package io.stereotype.mlops;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetryPolicyTest {

    @Test
    void delaysGrowExponentiallyUpToTheCap() {
        var policy = new RetryPolicy(6, Duration.ofMillis(100), 2.0, Duration.ofMillis(500));
        assertEquals(Duration.ofMillis(100), policy.delayAfter(1));
        assertEquals(Duration.ofMillis(200), policy.delayAfter(2));
        assertEquals(Duration.ofMillis(400), policy.delayAfter(3));
        assertEquals(Duration.ofMillis(500), policy.delayAfter(4));
    }

    @Test
    void retriesOnlyTransientFailures() throws Exception {
        var retrier = new Retrier("S3", "http://s3:9000", RetryPolicy.of(3, Duration.ZERO), Failures::isNetworkFailure);
        AtomicInteger calls = new AtomicInteger();
        assertEquals("ok", retrier.call("read", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new ConnectException("Connection refused");
            }
            return "ok";
        }));
        calls.set(0);
        assertThrows(NoSuchFileException.class, () -> retrier.call("upload", () -> {
            calls.incrementAndGet();
            throw new NoSuchFileException("/tmp/gone");
        }));
        assertEquals(1, calls.get(), "a local file error is not retried");
    }
}

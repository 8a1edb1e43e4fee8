package io.stereotype.scorer.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeyTest {

    @Test
    void onlyTheExactKeyMatches() {
        ApiKey key = new ApiKey("s3cret-key");

        assertTrue(key.matches("s3cret-key"));
        assertFalse(key.matches("s3cret-key "));
        assertFalse(key.matches("s3cret"));
        assertFalse(key.matches(""));
        assertFalse(key.matches(null));
    }

    @Test
    void theKeyIsNeverPrinted() {
        assertFalse(new ApiKey("s3cret-key").toString().contains("s3cret"));
    }

    @Test
    void aBlankKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ApiKey(" "));
    }
}

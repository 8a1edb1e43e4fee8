package io.stereotype.scorer.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeyPolicyTest {

    @Test
    void withBothKeysEachOpensOnlyItsOwnEndpoints() {
        ApiKeyPolicy policy = new ApiKeyPolicy(Optional.of("score-key"), Optional.of("admin-key"));

        assertTrue(policy.admitsScoring("score-key"));
        assertFalse(policy.admitsScoring("admin-key"));
        assertTrue(policy.admitsAdmin("admin-key"));
        assertFalse(policy.admitsAdmin("score-key"));
        assertFalse(policy.admitsAdmin(null));
        assertEquals("missing or wrong X-Admin-Key header", policy.adminRefusal());
    }

    @Test
    void withOnlyTheScoringKeyTheAdminEndpointsAreClosedToEveryone() {
        ApiKeyPolicy policy = new ApiKeyPolicy(Optional.of("score-key"), Optional.empty());

        assertTrue(policy.admitsScoring("score-key"));
        assertFalse(policy.admitsAdmin("score-key"));
        assertFalse(policy.admitsAdmin(null));
        assertFalse(policy.admitsAdmin(""));
        assertEquals("admin endpoints are closed: this scorer has a scoring key but no admin key (stereotype.admin-key)",
                policy.adminRefusal());
    }

    @Test
    void withOnlyTheAdminKeyScoringIsOpenAndAdminGuarded() {
        ApiKeyPolicy policy = new ApiKeyPolicy(Optional.empty(), Optional.of("admin-key"));

        assertTrue(policy.admitsScoring(null));
        assertTrue(policy.admitsAdmin("admin-key"));
        assertFalse(policy.admitsAdmin("other"));
    }

    @Test
    void withoutKeysEverythingIsOpen() {
        ApiKeyPolicy policy = new ApiKeyPolicy(Optional.empty(), Optional.empty());

        assertTrue(policy.admitsScoring(null));
        assertTrue(policy.admitsAdmin(null));
    }
}

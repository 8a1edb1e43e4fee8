package io.stereotype.scorer.api;

import io.stereotype.scorer.config.ScorerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Whether a request's key is good enough: any key when none is configured. A bean of its own
 * because REST filters are built before runtime configuration exists; this one is built on first use.
 */
@ApplicationScoped
public class ApiKeyPolicy {
    private final Optional<ApiKey> key;

    public ApiKeyPolicy(ScorerConfig config) {
        this.key = config.apiKey().map(ApiKey::new);
    }

    boolean admits(String presented) {
        return key.isEmpty() || key.get().matches(presented);
    }
}

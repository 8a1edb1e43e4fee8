package io.stereotype.scorer.api;

import io.stereotype.scorer.config.ScorerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Whether a request's keys are good enough. Scoring needs the scoring key when one is set. The
 * admin endpoints need the admin key when one is set, and are closed to everyone when only the
 * scoring key is set: a scoring client must not be able to reload the model or read where it comes
 * from. With no key at all, everything is open (a development setup; a warning says so). A bean of
 * its own because REST filters are built before runtime configuration exists.
 */
@ApplicationScoped
public class ApiKeyPolicy {
    private static final Logger LOG = Logger.getLogger(ApiKeyPolicy.class);

    private final Optional<ApiKey> scoringKey;
    private final Optional<ApiKey> adminKey;

    @Inject
    public ApiKeyPolicy(ScorerConfig config) {
        this(config.apiKey(), config.adminKey());
    }

    ApiKeyPolicy(Optional<String> scoringKey, Optional<String> adminKey) {
        this.scoringKey = scoringKey.map(ApiKey::new);
        this.adminKey = adminKey.map(ApiKey::new);
        if (scoringKey.isEmpty() && adminKey.isEmpty()) {
            LOG.warn("no stereotype.api-key or stereotype.admin-key is set: anyone reaching the port may score, reload the model"
                    + " and read its status; set both outside development");
        } else if (adminKey.isEmpty()) {
            LOG.warn("stereotype.admin-key is not set: /v1/reload and /v1/model are refused to every request");
        }
    }

    boolean admitsScoring(String presented) {
        return scoringKey.isEmpty() || scoringKey.get().matches(presented);
    }

    boolean admitsAdmin(String presented) {
        if (adminKey.isPresent()) {
            return adminKey.get().matches(presented);
        }
        return scoringKey.isEmpty();
    }

    /** Why an admin request was refused, for its error message. */
    String adminRefusal() {
        return adminKey.isPresent() || scoringKey.isEmpty()
                ? "missing or wrong " + AdminKeyFilter.HEADER + " header"
                : "admin endpoints are closed: this scorer has a scoring key but no admin key (stereotype.admin-key)";
    }
}

package io.stereotype.scorer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stereotype.scorer.model.ModelIdentity;
import io.stereotype.scorer.model.ReloadReport;
import java.time.Instant;

/**
 * What the service serves and how its reloads went.
 *
 * @param reference   the configured model reference
 * @param serving     the serving model, absent until one is loaded
 * @param draining    replaced models still finishing requests
 * @param lastReload  the latest reload attempt (poll or request)
 * @param lastFailure the latest failed attempt since a model was last loaded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelStatus(String reference, Serving serving, int draining, ReloadReport lastReload, ReloadReport lastFailure) {

    public record Serving(ModelIdentity model, Instant loadedAt, int inFlight) {
    }
}

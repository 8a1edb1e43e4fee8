package io.stereotype.scorer.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What one reload attempt did.
 *
 * @param candidate what the reference pointed to (null when it could not be resolved)
 * @param serving   the model serving after the attempt (null when none is loaded)
 * @param error     why the attempt failed (FAILED), or the earlier failure a poll skipped (SKIPPED)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReloadReport(Outcome outcome, Instant at, String candidate, ModelIdentity serving, String error) {

    public enum Outcome {
        /** a new model was loaded and switched in */
        LOADED,
        /** the reference still points to the serving model */
        UNCHANGED,
        /** resolving, downloading, verifying or loading failed; the previous model keeps serving */
        FAILED,
        /** a poll found the version that failed before; only an explicit reload tries it again */
        SKIPPED
    }
}

package io.stereotype.scorer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stereotype.scorer.model.ModelIdentity;

/**
 * The verdict on one image.
 *
 * @param image the uploaded file's name (multipart), absent for a raw body
 * @param label {@code anomalous} when {@code score > threshold}, else {@code normal}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreResult(String image, double score, String label, double threshold, ModelIdentity model, Timings timings)
        implements BatchItem {
}

package io.stereotype.scorer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stereotype.scorer.model.ModelIdentity;

/**
 * The verdict on one image.
 *
 * @param image the uploaded file's name (multipart), absent for a raw body
 * @param label {@code anomalous} when {@code score > threshold}, else {@code normal}
 * @param note  present when the model enlarged the image (smaller than its input), which it does by design
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreResult(String image, double score, String label, double threshold, Model model, String note, Timings timings)
        implements BatchItem {

    /**
     * The model that answered, as scoring clients see it: without where its files come from
     * (bucket and path are for the operators, in {@code /v1/model}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(String name, Integer version, String alias, String bundleHash) {
        static Model of(ModelIdentity identity) {
            return new Model(identity.name(), identity.version(), identity.alias(), identity.bundleHash());
        }
    }
}

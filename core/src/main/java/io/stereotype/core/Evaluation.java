package io.stereotype.core;

import io.stereotype.core.metrics.Metrics;
import java.util.List;
import java.util.Map;

/**
 * Metrics of a detector on a labelled test set, overall and per defect type (each defect type
 * against the normal test images), with the score of every test image.
 */
public record Evaluation(Metrics metrics, Map<String, Metrics> perDefect, List<ScoredSample> samples, double seconds) {

    /** One test image's score and label. */
    public record ScoredSample(String image, String defectType, double score, boolean predictedAnomalous) {
    }
}

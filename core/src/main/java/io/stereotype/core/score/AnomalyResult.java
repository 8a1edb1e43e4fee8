package io.stereotype.core.score;

import io.stereotype.core.image.FloatMap;
import java.util.Map;

/**
 * The verdict on one image: its score (maximum of the smoothed anomaly map), the label against the
 * model's threshold, the anomaly map at the image's size and the per-term maps (Figure 5 of the
 * paper) keyed by {@link io.stereotype.core.model.BiasTerm#key()}.
 */
public record AnomalyResult(double score, boolean anomalous, double threshold, FloatMap map, Map<String, FloatMap> terms) {
}

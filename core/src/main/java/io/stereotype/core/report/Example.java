package io.stereotype.core.report;

import io.stereotype.core.data.Sample;
import io.stereotype.core.image.FloatMap;
import java.util.Map;

/**
 * A test image kept for the report's figure, with its maps shrunk to thumbnail size.
 *
 * @param sample             the test image, its defect type and mask
 * @param score              its image score
 * @param predictedAnomalous the detector's label
 * @param map                the total anomaly map
 * @param terms              the per-term maps, keyed by bias term name
 */
public record Example(Sample sample, double score, boolean predictedAnomalous, FloatMap map, Map<String, FloatMap> terms) {

    public Example {
        terms = Map.copyOf(terms);
    }

    public boolean correct() {
        return predictedAnomalous == sample.anomalous();
    }
}

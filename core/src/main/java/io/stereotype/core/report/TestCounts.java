package io.stereotype.core.report;

import io.stereotype.core.Evaluation;
import io.stereotype.core.data.Sample;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many test images an evaluation scored.
 *
 * @param perDefect anomalous images per defect type, in the evaluation's order
 */
record TestCounts(int normal, int anomalous, Map<String, Integer> perDefect) {

    static TestCounts of(Evaluation evaluation) {
        int normal = 0;
        Map<String, Integer> perDefect = new LinkedHashMap<>();
        for (Evaluation.ScoredSample sample : evaluation.samples()) {
            if (Sample.GOOD.equals(sample.defectType())) {
                normal++;
            } else {
                perDefect.merge(sample.defectType(), 1, Integer::sum);
            }
        }
        int anomalous = perDefect.values().stream().mapToInt(Integer::intValue).sum();
        return new TestCounts(normal, anomalous, perDefect);
    }

    int total() {
        return normal + anomalous;
    }
}

package io.stereotype.mlops.tracking;

import java.util.Map;
import java.util.Optional;

/**
 * The state of a run as the tracker holds it.
 *
 * @param latestMetrics the last value logged for each metric key
 */
public record RunRecord(TrackedRun run, RunStatus status, Optional<String> parentRunId, Map<String, String> params,
                        Map<String, String> tags, Map<String, Double> latestMetrics) {
    public RunRecord {
        params = Map.copyOf(params);
        tags = Map.copyOf(tags);
        latestMetrics = Map.copyOf(latestMetrics);
    }
}

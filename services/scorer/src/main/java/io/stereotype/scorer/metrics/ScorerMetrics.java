package io.stereotype.scorer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stereotype.scorer.model.ModelHolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The scorer's own meters, published in Prometheus format at /q/metrics:
 * {@code stereotype_request_seconds} (histogram by endpoint and outcome),
 * {@code stereotype_score} (summary of image scores by label),
 * {@code stereotype_model_version} (registry version serving; 0 for a bundle given by path, NaN when none) and
 * {@code stereotype_model_reload_failures_total}.
 */
@ApplicationScoped
public class ScorerMetrics {
    private final MeterRegistry registry;
    private final Counter reloadFailures;

    public ScorerMetrics(MeterRegistry registry, ModelHolder holder) {
        this.registry = registry;
        this.reloadFailures = Counter.builder("stereotype.model.reload.failures")
                .description("model versions that failed to resolve, download, verify or load").register(registry);
        Gauge.builder("stereotype.model.version", holder, h -> h.current()
                        .map(model -> model.identity().version() == null ? 0.0 : model.identity().version())
                        .orElse(Double.NaN))
                .description("registry version of the serving model").register(registry);
    }

    /** @param outcome success, client_error, rejected (busy or not ready) or server_error */
    public void recordRequest(String endpoint, String outcome, Duration duration) {
        Timer.builder("stereotype.request").description("scoring request latency")
                .tags("endpoint", endpoint, "outcome", outcome)
                .publishPercentileHistogram()
                .register(registry).record(duration);
    }

    public void recordScore(double score, String label) {
        DistributionSummary.builder("stereotype.score").description("image anomaly scores")
                .tags("label", label)
                .publishPercentiles(0.5, 0.9, 0.99)
                .register(registry).record(score);
    }

    public void reloadFailed() {
        reloadFailures.increment();
    }
}

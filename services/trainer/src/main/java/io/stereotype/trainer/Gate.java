package io.stereotype.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.metrics.Metrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Minimum metrics a model must reach before it is registered (unset bounds are not checked). */
public record Gate(Double minImageAuroc, Double minPixelAuroc, Double minAupro) {
    /** Why the report fails the gate, or empty when it passes. */
    Optional<String> check(JsonNode report) {
        Map<String, Double> bounds = new LinkedHashMap<>();
        bounds.put(Metrics.IMAGE_AUROC, minImageAuroc);
        bounds.put(Metrics.PIXEL_AUROC, minPixelAuroc);
        bounds.put(Metrics.AUPRO, minAupro);
        for (Map.Entry<String, Double> bound : bounds.entrySet()) {
            if (bound.getValue() == null) {
                continue;
            }
            JsonNode value = report.get(bound.getKey());
            if (value == null || value.isNull()) {
                return Optional.of(bound.getKey() + " is not in the report (no ground-truth masks?) but a minimum of "
                        + bound.getValue() + " is required");
            }
            if (value.asDouble() < bound.getValue()) {
                return Optional.of(String.format(Locale.ROOT, "%s %.4f is below the required %.4f", bound.getKey(),
                        value.asDouble(), bound.getValue()));
            }
        }
        return Optional.empty();
    }
}

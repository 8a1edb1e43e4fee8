package io.stereotype.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Minimum metrics a model must reach before it is registered (unset bounds are not checked). */
public record Gate(Double minImageAuroc, Double minPixelAuroc, Double minAupro) {
    /** report.json keys copied onto a registered version as tags. */
    static final List<String> METRICS = List.of("image_auroc", "pixel_auroc", "aupro", "f1_max", "threshold");

    /** Why the report fails the gate, or empty when it passes. */
    Optional<String> check(JsonNode report) {
        Map<String, Double> bounds = new LinkedHashMap<>();
        bounds.put("image_auroc", minImageAuroc);
        bounds.put("pixel_auroc", minPixelAuroc);
        bounds.put("aupro", minAupro);
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

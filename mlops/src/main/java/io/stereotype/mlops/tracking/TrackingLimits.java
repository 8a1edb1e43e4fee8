package io.stereotype.mlops.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow's size limits (mlflow/utils/validation.py, checked against MLflow 3.17), applied by every
 * tracker so that a run logged locally could also have been logged to a server.
 */
public final class TrackingLimits {
    /** Longest parameter value MLflow stores; longer values are truncated rather than failing the run. */
    public static final int MAX_PARAM_VALUE_LENGTH = 6000;
    public static final int MAX_TAG_VALUE_LENGTH = 8000;
    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_METRICS_PER_BATCH = 1000;
    public static final int MAX_PARAMS_TAGS_PER_BATCH = 100;

    private TrackingLimits() {
    }

    /** Values as strings, truncated to {@code maxLength}; keys are checked, not shortened, since they identify the value. */
    static Map<String, String> fit(Map<String, ?> entries, int maxLength, String kind) {
        Map<String, String> fitted = new LinkedHashMap<>();
        entries.forEach((key, value) -> {
            if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException(kind + " key must have 1 to " + MAX_KEY_LENGTH + " characters, got '" + key + "'");
            }
            String text = String.valueOf(value);
            fitted.put(key, text.length() > maxLength ? text.substring(0, maxLength) : text);
        });
        return fitted;
    }

    static <T> List<List<T>> batches(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }
}

package io.stereotype.mlops.tracking;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who and what made the runs of one process: set as tags on every run a tracker starts, so that the
 * MLflow UI shows a user and a source for each and anyone can follow a run back to what started it.
 *
 * @param user       {@code mlflow.user}
 * @param sourceType {@code mlflow.source.type}: {@code JOB} for a pipeline step, as MLflow names scheduled work
 * @param sourceName {@code mlflow.source.name}: the program and its version, e.g. {@code stereotype-trainer 1.2.0}
 * @param more       further tags, e.g. the orchestrator's execution id
 */
public record RunOrigin(String user, String sourceType, String sourceName, Map<String, String> more) {
    public static final String USER_TAG = "mlflow.user";
    public static final String SOURCE_TYPE_TAG = "mlflow.source.type";
    public static final String SOURCE_NAME_TAG = "mlflow.source.name";
    public static final String JOB = "JOB";
    /** No tags: runs as the tracker's caller starts them (tests, tools). */
    public static final RunOrigin NONE = new RunOrigin(null, null, null, Map.of());

    public RunOrigin {
        more = Map.copyOf(more);
    }

    /** The tags every run gets; blank values are left out. */
    public Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        put(tags, USER_TAG, user);
        put(tags, SOURCE_TYPE_TAG, sourceType);
        put(tags, SOURCE_NAME_TAG, sourceName);
        more.forEach((key, value) -> put(tags, key, value));
        return tags;
    }

    private static void put(Map<String, String> tags, String key, String value) {
        if (value != null && !value.isBlank()) {
            tags.put(key, value);
        }
    }
}

package io.stereotype.mlops.tracking;

/** One value of a metric at a step (e.g. the epoch), as MLflow records it. */
public record Metric(String key, double value, long step, long timestampMillis) {

    /** A value measured now. */
    public static Metric of(String key, double value, long step) {
        return new Metric(key, value, step, System.currentTimeMillis());
    }
}

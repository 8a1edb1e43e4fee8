package io.stereotype.core.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The evaluation of a detector on a test set.
 *
 * @param imageAuroc image-level AUROC
 * @param pixelAuroc pixel-level AUROC, null without ground-truth masks
 * @param aupro      AUPRO up to FPR {@link Aupro#DEFAULT_MAX_FPR}, null without ground-truth masks
 * @param f1Max      best image-level F1
 * @param threshold  the image score threshold giving {@code f1Max} (score >= threshold = anomalous)
 */
public record Metrics(double imageAuroc, Double pixelAuroc, Double aupro, double f1Max, double threshold) {
    /* The one place that names the metrics: report.json keys, MLflow metrics, registry tags and gates use these. */
    public static final String IMAGE_AUROC = "image_auroc";
    public static final String PIXEL_AUROC = "pixel_auroc";
    public static final String AUPRO = "aupro";
    public static final String F1_MAX = "f1_max";
    public static final String THRESHOLD = "threshold";
    public static final List<String> NAMES = List.of(IMAGE_AUROC, PIXEL_AUROC, AUPRO, F1_MAX, THRESHOLD);

    /** Every metric under its name, in {@link #NAMES} order; null values where a metric does not apply. */
    public Map<String, Double> byName() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(IMAGE_AUROC, imageAuroc);
        values.put(PIXEL_AUROC, pixelAuroc);
        values.put(AUPRO, aupro);
        values.put(F1_MAX, f1Max);
        values.put(THRESHOLD, threshold);
        return values;
    }
}

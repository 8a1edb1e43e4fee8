package io.stereotype.core.metrics;

import java.util.List;

/** Computes all {@link Metrics} of a test set at once. */
public final class MetricsCalculator {

    private MetricsCalculator() {
    }

    /**
     * @param imageScores one score per test image
     * @param imageLabels true for anomalous test images
     * @param maps        anomaly maps at image size, or null for image-level-only data
     * @param masks       ground-truth masks in the same order, or null when there are none
     * @param sizes       {@code {width, height}} per map; may be null when masks are null
     * @throws IllegalArgumentException if masks are given without maps, or sizes disagree
     */
    public static Metrics compute(double[] imageScores, boolean[] imageLabels, List<float[]> maps,
                                  List<boolean[]> masks, List<int[]> sizes) {
        if (masks != null && maps == null) {
            throw new IllegalArgumentException("ground-truth masks given without anomaly maps");
        }
        double imageAuroc = Auroc.compute(imageScores, imageLabels);
        F1Max f1 = F1Max.compute(imageScores, imageLabels);
        if (masks == null) {
            return new Metrics(imageAuroc, null, null, f1.f1(), f1.threshold());
        }
        if (maps.size() != imageScores.length) {
            throw new IllegalArgumentException(maps.size() + " anomaly maps for " + imageScores.length + " image scores");
        }
        double pixelAuroc = Auroc.compute(maps, masks);
        double aupro = Aupro.compute(maps, masks, sizes, Aupro.DEFAULT_MAX_FPR);
        return new Metrics(imageAuroc, pixelAuroc, aupro, f1.f1(), f1.threshold());
    }
}

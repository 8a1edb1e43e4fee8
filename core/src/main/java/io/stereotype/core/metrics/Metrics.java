package io.stereotype.core.metrics;

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
}

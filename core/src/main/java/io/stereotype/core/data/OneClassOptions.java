package io.stereotype.core.data;

/**
 * How {@link OneClassExport} turns a classification data set into a one-class anomaly detection
 * experiment.
 *
 * @param normalClass           index of the normal class; every other class is anomalous
 * @param maxTrainImages        at most this many normal training images (0 = all of the official train split)
 * @param maxTestImagesPerClass at most this many test images per class (0 = all of the official test split)
 * @param seed                  decides which images are kept when a cap applies; without caps the output does not depend on it
 */
public record OneClassOptions(int normalClass, int maxTrainImages, int maxTestImagesPerClass, long seed) {

    public OneClassOptions {
        if (maxTrainImages < 0 || maxTestImagesPerClass < 0) {
            throw new IllegalArgumentException("image caps must be 0 (no cap) or positive, got maxTrainImages="
                    + maxTrainImages + " maxTestImagesPerClass=" + maxTestImagesPerClass);
        }
    }

    /** All images of the official splits. */
    public static OneClassOptions allImages(int normalClass) {
        return new OneClassOptions(normalClass, 0, 0, 0L);
    }
}

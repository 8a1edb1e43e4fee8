package io.stereotype.core.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One test image of a data set.
 *
 * @param image      the image file
 * @param defectType {@code "good"} for normal images, otherwise the defect (or, for one-class
 *                   data, the anomalous class) folder name
 * @param mask       the ground-truth mask file, or null when the data set has none
 */
public record Sample(Path image, String defectType, Path mask) {

    public static final String GOOD = "good";

    public Sample {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(defectType, "defectType");
    }

    public boolean anomalous() {
        return !GOOD.equals(defectType);
    }
}

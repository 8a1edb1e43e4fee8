package io.stereotype.core;

import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.NormalImageFolder;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Normal training images with their names (for error messages) and, optionally, a class label per
 * image for the doctor.
 */
public record TrainingData(List<FloatImage> images, List<String> names, int[] classes) {
    public TrainingData {
        if (images.size() != names.size() || (classes != null && classes.length != images.size())) {
            throw new IllegalArgumentException("training data needs one name (and class, if any) per image");
        }
    }

    /** The {@code train/good} images of an MVTec-layout data set (no class labels: rotation pretext). */
    public static TrainingData of(MvtecDataset dataset) {
        return of(dataset.trainImages());
    }

    /** A folder of normal images, for training only. */
    public static TrainingData of(NormalImageFolder folder) {
        return of(folder.trainImages());
    }

    private static TrainingData of(List<Path> files) {
        List<FloatImage> images = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            images.add(ImageFiles.read(file));
            names.add(file.toString());
        }
        return new TrainingData(images, names, null);
    }
}

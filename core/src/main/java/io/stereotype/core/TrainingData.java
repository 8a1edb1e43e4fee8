package io.stereotype.core;

import io.stereotype.core.data.LabelledImageFolder;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.NormalImageFolder;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.train.TrainingImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Normal training images, read when training needs them, and optionally a class label per image
 * for the doctor.
 *
 * @param classes class label per image, or null (the doctor learns the rotation pretext)
 */
public record TrainingData(List<TrainingImage> images, int[] classes) {
    public TrainingData {
        images = List.copyOf(images);
        if (classes != null && classes.length != images.size()) {
            throw new IllegalArgumentException("training data has " + images.size() + " images but "
                    + classes.length + " class labels");
        }
    }

    /** The {@code train/good} images of an MVTec-layout data set (no class labels: rotation pretext). */
    public static TrainingData of(MvtecDataset dataset) {
        return files(dataset.trainImages());
    }

    /** A folder of normal images, for training only. */
    public static TrainingData of(NormalImageFolder folder) {
        return files(folder.trainImages());
    }

    /**
     * A labelled data set for the doctor: its images with the class index of their folder (Eq. 3 on
     * real labels); the names of the classes are {@link LabelledImageFolder#classNames()}.
     */
    public static TrainingData of(LabelledImageFolder folder) {
        return new TrainingData(folder.images().stream().map(TrainingImage::file).toList(), folder.labels());
    }

    /** Images already in memory, with a name each for error messages and optional class labels. */
    public static TrainingData inMemory(List<FloatImage> images, List<String> names, int[] classes) {
        if (images.size() != names.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + names.size() + " names");
        }
        List<TrainingImage> list = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            list.add(TrainingImage.of(names.get(i), images.get(i)));
        }
        return new TrainingData(list, classes);
    }

    private static TrainingData files(List<Path> files) {
        return new TrainingData(files.stream().map(TrainingImage::file).toList(), null);
    }
}

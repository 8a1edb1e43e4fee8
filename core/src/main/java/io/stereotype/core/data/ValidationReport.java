package io.stereotype.core.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link DatasetValidator} found in a data set folder: every problem (one line each, naming
 * the file or folder), the counts and a summary of image sizes and channels.
 *
 * @param root        the folder validated
 * @param layout      how the folder was read
 * @param problems    every problem found; empty when the data set is usable
 * @param trainImages normal training images ({@code train/good}, or the whole image folder); for a
 *                    labelled data set, all its images
 * @param testImages  test images per folder of {@code test/} ({@code good} and each defect), sorted by name
 * @param masks       ground-truth masks present for test images
 * @param classImages images per class of a labelled data set, sorted by class name; empty for the other layouts
 * @param imageSizes  images (train and test, not masks) per size {@code "<width>x<height>"}, sorted by that key
 * @param greyImages  images decoded as grey (1 channel)
 * @param rgbImages   images decoded as colour (3 channels)
 */
public record ValidationReport(Path root, Layout layout, List<String> problems, int trainImages,
                               Map<String, Integer> testImages, int masks, Map<String, Integer> classImages,
                               Map<String, Integer> imageSizes,
                               int greyImages, int rgbImages) {

    /** How a data set folder is organised. */
    public enum Layout {
        /** {@code train/good}, {@code test/<defect>}, optional {@code ground_truth/<defect>} ({@link MvtecDataset}). */
        MVTEC,
        /** A flat folder of normal images for training only ({@link NormalImageFolder}). */
        NORMAL_IMAGE_FOLDER,
        /** One folder of images per class, for training the doctor as a classifier ({@link LabelledImageFolder}). */
        LABELLED_IMAGE_FOLDERS
    }

    public ValidationReport {
        problems = List.copyOf(problems);
        testImages = Collections.unmodifiableSortedMap(new TreeMap<>(testImages));
        classImages = Collections.unmodifiableSortedMap(new TreeMap<>(classImages));
        imageSizes = Collections.unmodifiableSortedMap(new TreeMap<>(imageSizes));
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** @throws DatasetException listing every problem, one per line, when there is any */
    public void throwIfInvalid() {
        if (!valid()) {
            throw new DatasetException("invalid data set " + root + " (" + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "):\n" + String.join("\n", problems));
        }
    }

    /** A few lines for people: layout, counts, sizes and channels, then the problems. */
    public String summary() {
        StringBuilder text = new StringBuilder()
                .append(root).append(" (").append(switch (layout) {
                    case MVTEC -> "MVTec layout";
                    case NORMAL_IMAGE_FOLDER -> "folder of normal images";
                    case LABELLED_IMAGE_FOLDERS -> "labelled, one folder per class";
                }).append(")\n");
        if (layout == Layout.LABELLED_IMAGE_FOLDERS) {
            text.append("images per class: ").append(classImages).append('\n');
        } else {
            text.append("train images: ").append(trainImages).append('\n');
        }
        if (layout == Layout.MVTEC) {
            text.append("test images: ").append(testImages).append('\n')
                    .append("masks: ").append(masks).append('\n');
        }
        text.append("image sizes: ").append(imageSizes).append('\n')
                .append("channels: ").append(greyImages).append(" grey, ").append(rgbImages).append(" RGB\n")
                .append(valid() ? "no problems" : problems.size() + " problems:\n" + String.join("\n", problems));
        return text.toString();
    }
}

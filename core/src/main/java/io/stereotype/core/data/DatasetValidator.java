package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Checks a data set folder completely before training or evaluation and lists every problem at
 * once: the layout problems of {@link MvtecDataset} (missing folders, masks, empty splits), files
 * that would be skipped silently (other extensions, subfolders), images that cannot be decoded
 * (empty, truncated, corrupt), masks whose size differs from their image's, and splits that mix
 * grey and colour images. Unlike opening a data set, this decodes every image, so it takes
 * about as long as reading the data once.
 * <p>
 * A folder holding {@code train}, {@code test} or {@code ground_truth} is read as the MVTec
 * layout; any other folder as a {@link NormalImageFolder}. A labelled data set (one folder per
 * class, {@link LabelledImageFolder}) is checked by {@link #validateLabelled(Path)}: its layout
 * cannot be told from a folder of normal images with stray subfolders.
 */
public final class DatasetValidator {

    private static final String TRAIN_SPLIT = "train";
    private static final String TEST_SPLIT = "test";

    private final Path root;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> sizes = new TreeMap<>();
    private int grey;
    private int rgb;

    private DatasetValidator(Path root) {
        this.root = root;
    }

    /** Never throws for a bad data set: see {@link ValidationReport#throwIfInvalid()}. */
    public static ValidationReport validate(Path root) {
        return new DatasetValidator(root).run();
    }

    /** As {@link #validate(Path)} for a {@link LabelledImageFolder}; never throws for a bad data set. */
    public static ValidationReport validateLabelled(Path root) {
        return new DatasetValidator(root).runLabelled();
    }

    private ValidationReport run() {
        if (!Files.isDirectory(root)) {
            problems.add(root + ": data set folder does not exist or is not a folder");
            return report(ValidationReport.Layout.NORMAL_IMAGE_FOLDER, 0, Map.of(), 0);
        }
        boolean mvtec = Stream.of(MvtecDataset.TRAIN, MvtecDataset.TEST, MvtecDataset.GROUND_TRUTH)
                .anyMatch(folder -> Files.isDirectory(root.resolve(folder)));
        return mvtec ? validateMvtec() : validateImageFolder();
    }

    private ValidationReport validateMvtec() {
        MvtecDataset listed = MvtecDataset.scan(root, problems);
        Path trainGood = root.resolve(MvtecDataset.TRAIN).resolve(Sample.GOOD);
        reportUnreadEntries(trainGood);
        Path testDir = root.resolve(MvtecDataset.TEST);
        if (Files.isDirectory(testDir)) {
            MvtecDataset.subfolders(testDir, problems).forEach(this::reportUnreadEntries);
        }
        reportStrayMasks(listed.testSamples());

        inspectSplit(TRAIN_SPLIT, listed.trainImages());
        Map<Path, Shape> testShapes = inspectSplit(TEST_SPLIT, listed.testSamples().stream().map(Sample::image).toList());
        Map<String, Integer> testCounts = new LinkedHashMap<>();
        int masks = 0;
        for (Sample sample : listed.testSamples()) {
            testCounts.merge(sample.defectType(), 1, Integer::sum);
            // a missing mask is already listed by the layout scan
            if (sample.mask() != null && Files.isRegularFile(sample.mask())) {
                masks++;
                checkMask(sample.mask(), testShapes.get(sample.image()));
            }
        }
        return report(ValidationReport.Layout.MVTEC, listed.trainImages().size(), testCounts, masks);
    }

    private ValidationReport validateImageFolder() {
        List<Path> images = List.of();
        try {
            images = NormalImageFolder.open(root).trainImages();
        } catch (DatasetException e) {
            problems.add(e.getMessage());
        }
        reportUnreadEntries(root);
        inspectSplit(TRAIN_SPLIT, images);
        return report(ValidationReport.Layout.NORMAL_IMAGE_FOLDER, images.size(), Map.of(), 0);
    }

    private ValidationReport runLabelled() {
        LabelledImageFolder listed = LabelledImageFolder.scan(root, problems);
        if (Files.isDirectory(root)) {
            for (Path classFolder : LabelledImageFolder.visibleEntries(root, new ArrayList<>())) {
                // the scan lists files directly in the root; here: what the class folders hold but nobody reads
                if (Files.isDirectory(classFolder)) {
                    reportUnreadEntries(classFolder, LabelledImageFolder::isHidden);
                }
            }
        }
        // one channel count for the whole set: the doctor is one network
        inspectImages("the labelled data set", listed.images());
        return new ValidationReport(root, ValidationReport.Layout.LABELLED_IMAGE_FOLDERS, problems, listed.images().size(),
                Map.of(), 0, listed.imagesPerClass(), sizes, grey, rgb);
    }

    private ValidationReport report(ValidationReport.Layout layout, int trainImages, Map<String, Integer> testImages, int masks) {
        return new ValidationReport(root, layout, problems, trainImages, testImages, masks, Map.of(), sizes, grey, rgb);
    }

    /**
     * Readers take only image files and no subfolders; anything else in an image folder is most
     * likely data that would be skipped without a word (e.g. .bmp/.tif exports, partial downloads).
     */
    private void reportUnreadEntries(Path imageFolder) {
        reportUnreadEntries(imageFolder, entry -> false);
    }

    /** @param ignored entries the layout skips on purpose (hidden files of a labelled data set) */
    private void reportUnreadEntries(Path imageFolder, Predicate<Path> ignored) {
        if (!Files.isDirectory(imageFolder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(imageFolder)) {
            for (Path entry : entries.filter(ignored.negate()).sorted(MvtecDataset.byName()).toList()) {
                if (Files.isDirectory(entry)) {
                    problems.add(entry + ": unexpected subfolder (images in subfolders are not read)");
                } else if (!MvtecDataset.isImage(entry)) {
                    problems.add(entry + ": unexpected file (only .png, .jpg, .jpeg images are read)");
                }
            }
        } catch (IOException e) {
            problems.add(imageFolder + ": cannot list folder: " + e.getMessage());
        }
    }

    /** Files in {@code ground_truth/<defect>} that are no mask of a test image. */
    private void reportStrayMasks(List<Sample> samples) {
        Path groundTruth = root.resolve(MvtecDataset.GROUND_TRUTH);
        if (!Files.isDirectory(groundTruth)) {
            return;
        }
        Set<Path> expected = new HashSet<>();
        samples.stream().map(Sample::mask).filter(Objects::nonNull).forEach(expected::add);
        for (Path maskDir : MvtecDataset.subfolders(groundTruth, problems)) {
            if (!Files.isDirectory(root.resolve(MvtecDataset.TEST).resolve(maskDir.getFileName()))) {
                continue; // the folder as a whole is listed by the layout scan
            }
            try (Stream<Path> entries = Files.list(maskDir)) {
                for (Path entry : entries.sorted(MvtecDataset.byName()).toList()) {
                    if (!expected.contains(entry)) {
                        problems.add(entry + ": unexpected file in ground truth (masks are named <test image name>"
                                + MvtecDataset.MASK_SUFFIX + " after an image of "
                                + root.resolve(MvtecDataset.TEST).resolve(maskDir.getFileName()) + ")");
                    }
                }
            } catch (IOException e) {
                problems.add(maskDir + ": cannot list folder: " + e.getMessage());
            }
        }
    }

    /** Decodes every image of a split; lists undecodable ones, then the minority channel kind of a mixed split. */
    private Map<Path, Shape> inspectSplit(String split, List<Path> images) {
        return inspectImages("the " + split + " split", images);
    }

    /** @param where names the images in the mixed-channel message, e.g. "the train split" */
    private Map<Path, Shape> inspectImages(String where, List<Path> images) {
        Map<Path, Shape> shapes = new LinkedHashMap<>();
        for (Path image : images) {
            Shape shape = decode(image);
            if (shape != null) {
                shapes.put(image, shape);
                sizes.merge(shape.width() + "x" + shape.height(), 1, Integer::sum);
                if (shape.channels() == 1) {
                    grey++;
                } else {
                    rgb++;
                }
            }
        }
        reportMixedChannels(where, shapes);
        return shapes;
    }

    /** The models take one channel count per data set, so a mixed split is an error; the fewer kind is listed. */
    private void reportMixedChannels(String where, Map<Path, Shape> shapes) {
        long greyCount = shapes.values().stream().filter(s -> s.channels() == 1).count();
        long rgbCount = shapes.size() - greyCount;
        if (greyCount == 0 || rgbCount == 0) {
            return;
        }
        int minority = greyCount <= rgbCount ? 1 : 3;
        String kind = minority == 1 ? "grey" : "RGB";
        String majority = minority == 1 ? rgbCount + " RGB" : greyCount + " grey";
        shapes.forEach((image, shape) -> {
            if (shape.channels() == minority) {
                problems.add(image + ": " + kind + " image among " + majority + " images of " + where
                        + " (mixed channel counts)");
            }
        });
    }

    private void checkMask(Path mask, Shape image) {
        if (image == null) {
            return; // its image is undecodable, which is listed already
        }
        try {
            ImageFiles.readMask(mask, image.width(), image.height());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private Shape decode(Path image) {
        try {
            FloatImage decoded = ImageFiles.read(image);
            return new Shape(decoded.width(), decoded.height(), decoded.channels());
        } catch (UncheckedIOException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private record Shape(int width, int height, int channels) {
    }
}

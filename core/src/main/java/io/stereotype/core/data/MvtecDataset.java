package io.stereotype.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A data set in the MVTec AD layout:
 * <pre>
 * root/train/good/*.png|jpg|jpeg
 * root/test/good/*
 * root/test/&lt;defect&gt;/*
 * root/ground_truth/&lt;defect&gt;/&lt;image name without extension&gt;_mask.png   (optional)
 * </pre>
 * Image-level-only data (e.g. MNIST one-class) has no {@code ground_truth}. When it exists,
 * every defect folder needs its ground-truth folder and every defect image its mask, so that
 * pixel metrics never silently skip images. Files with other extensions are ignored.
 */
public final class MvtecDataset {

    static final String TRAIN = "train";
    static final String TEST = "test";
    static final String GROUND_TRUTH = "ground_truth";
    static final String MASK_SUFFIX = "_mask.png";

    private final Path root;
    private final List<Path> trainImages;
    private final List<Sample> testSamples;
    private final boolean hasMasks;

    private MvtecDataset(Path root, List<Path> trainImages, List<Sample> testSamples, boolean hasMasks) {
        this.root = root;
        this.trainImages = List.copyOf(trainImages);
        this.testSamples = List.copyOf(testSamples);
        this.hasMasks = hasMasks;
    }

    /**
     * Lists and checks the data set without decoding images.
     *
     * @throws DatasetException listing every problem found, one per line
     */
    public static MvtecDataset open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetException("data set folder " + root + " does not exist or is not a folder");
        }
        List<String> problems = new ArrayList<>();
        MvtecDataset dataset = scan(root, problems);
        if (!problems.isEmpty()) {
            throw new DatasetException("invalid MVTec-layout data set " + root + ":\n" + String.join("\n", problems));
        }
        return dataset;
    }

    /**
     * Lists an existing data set folder as far as its layout allows, adding every structural
     * problem to {@code problems} instead of throwing, so that {@link DatasetValidator} can go on
     * to check the files that were found. Samples keep their expected mask path even when that
     * mask is missing (the problem is listed).
     */
    static MvtecDataset scan(Path root, List<String> problems) {
        List<Path> train = images(root.resolve(TRAIN).resolve(Sample.GOOD), problems);
        if (Files.isDirectory(root.resolve(TRAIN).resolve(Sample.GOOD)) && train.isEmpty()) {
            problems.add(root.resolve(TRAIN).resolve(Sample.GOOD) + ": no training images (.png, .jpg, .jpeg)");
        }
        Path groundTruth = root.resolve(GROUND_TRUTH);
        boolean hasMasks = Files.isDirectory(groundTruth);
        List<Sample> test = testSamples(root.resolve(TEST), hasMasks ? groundTruth : null, problems);
        if (hasMasks) {
            checkNoOrphanMaskFolders(groundTruth, root.resolve(TEST), problems);
        }
        return new MvtecDataset(root, train, test, hasMasks);
    }

    private static List<Sample> testSamples(Path testDir, Path groundTruth, List<String> problems) {
        List<Sample> samples = new ArrayList<>();
        if (!Files.isDirectory(testDir)) {
            problems.add(testDir + ": test folder missing");
            return samples;
        }
        if (!Files.isDirectory(testDir.resolve(Sample.GOOD))) {
            problems.add(testDir.resolve(Sample.GOOD) + ": folder of normal test images missing");
        }
        List<Path> defectDirs = subfolders(testDir, problems);
        if (defectDirs.stream().noneMatch(d -> !d.getFileName().toString().equals(Sample.GOOD))) {
            problems.add(testDir + ": no anomalous test folder (test/<defect>)");
        }
        for (Path defectDir : defectDirs) {
            String defect = defectDir.getFileName().toString();
            List<Path> images = images(defectDir, problems);
            if (images.isEmpty()) {
                problems.add(defectDir + ": no test images (.png, .jpg, .jpeg)");
            }
            boolean needsMasks = groundTruth != null && !defect.equals(Sample.GOOD);
            Path maskDir = needsMasks ? groundTruth.resolve(defect) : null;
            if (needsMasks && !Files.isDirectory(maskDir)) {
                problems.add(maskDir + ": ground-truth folder missing for defect '" + defect + "'");
                needsMasks = false;
            }
            for (Path image : images) {
                Path mask = needsMasks ? maskDir.resolve(stem(image) + MASK_SUFFIX) : null;
                if (mask != null && !Files.isRegularFile(mask)) {
                    problems.add(mask + ": mask missing for " + image);
                }
                samples.add(new Sample(image, defect, mask));
            }
        }
        return samples;
    }

    private static void checkNoOrphanMaskFolders(Path groundTruth, Path testDir, List<String> problems) {
        for (Path maskDir : subfolders(groundTruth, problems)) {
            if (!Files.isDirectory(testDir.resolve(maskDir.getFileName()))) {
                problems.add(maskDir + ": ground-truth folder without a test folder " + testDir.resolve(maskDir.getFileName()));
            }
        }
    }

    private static List<Path> images(Path dir, List<String> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(dir + ": folder missing");
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(MvtecDataset::isImage).sorted(byName()).toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot list folder: " + e.getMessage());
            return List.of();
        }
    }

    static List<Path> subfolders(Path dir, List<String> problems) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isDirectory).sorted(byName()).toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot list folder: " + e.getMessage());
            return List.of();
        }
    }

    static Comparator<Path> byName() {
        return Comparator.comparing(p -> p.getFileName().toString());
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    public Path root() {
        return root;
    }

    /** Normal training images, sorted by file name. */
    public List<Path> trainImages() {
        return trainImages;
    }

    /** Test images sorted by defect folder, then file name; masks set when {@link #hasMasks()}. */
    public List<Sample> testSamples() {
        return testSamples;
    }

    /** True when the data set has pixel-level ground truth (then every anomalous sample has a mask). */
    public boolean hasMasks() {
        return hasMasks;
    }
}

package io.stereotype.core.data;

import io.stereotype.core.image.ImageFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Writes the one-class protocol on a classification data set in the MVTec layout, image level only
 * (no {@code ground_truth}): the official train split gives {@code train/good} (normal class only);
 * the official test split gives {@code test/good} (normal class) and {@code test/<class name>}
 * (every other class). Images keep their order in the split files and are named
 * {@code <split>_<index in its split file>.png}, e.g. {@code test_00042.png}, so each can be
 * traced back. Caps keep a random subset drawn with the options' seed, in the fixed order train,
 * then test classes by index. The folder appears only when complete ({@link StagedDirectory}).
 */
public final class OneClassExport {

    private OneClassExport() {
    }

    /**
     * @throws IllegalArgumentException if the normal class is not a class index of the data set
     * @throws DatasetException         if a split lacks the images the protocol needs, {@code outRoot}
     *                                  is a non-empty folder, or writing fails (then nothing is left)
     */
    public static void write(ClassificationDataset data, OneClassOptions options, Path outRoot) {
        int classes = data.classNames().size();
        int normal = options.normalClass();
        if (normal < 0 || normal >= classes) {
            throw new IllegalArgumentException("normal class " + normal + " is out of range for " + data.name()
                    + ": class indices are 0-" + (classes - 1) + " " + data.classNames());
        }
        Random random = new Random(options.seed());
        Pick train = new Pick("train/good", "train", data.train(),
                capped(indicesOf(data.train(), normal), options.maxTrainImages(), random));
        List<Pick> test = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            String folder = "test/" + (c == normal ? Sample.GOOD : data.classNames().get(c));
            test.add(new Pick(folder, "test", data.test(), capped(indicesOf(data.test(), c), options.maxTestImagesPerClass(), random)));
        }
        requireImages(data, normal, train, test);
        List<Pick> picks = new ArrayList<>(List.of(train));
        picks.addAll(test);
        StagedDirectory.write(outRoot, folder -> {
            for (Pick pick : picks) {
                for (int index : pick.indices()) {
                    ImageFiles.writePng(pick.split().image(index),
                            folder.resolve(pick.folder()).resolve(String.format("%s_%05d.png", pick.prefix(), index)));
                }
            }
        });
    }

    /** Which images of one split go into one folder of the output. */
    private record Pick(String folder, String prefix, LabelledImages split, List<Integer> indices) {
    }

    /** Training and evaluation need normal training images, normal test images and at least one anomalous test image. */
    private static void requireImages(ClassificationDataset data, int normal, Pick train, List<Pick> test) {
        String normalName = data.classNames().get(normal);
        if (train.indices().isEmpty()) {
            throw new DatasetException(data.name() + ": the train split has no image of the normal class " + normalName);
        }
        if (test.get(normal).indices().isEmpty()) {
            throw new DatasetException(data.name() + ": the test split has no image of the normal class " + normalName);
        }
        if (test.stream().mapToInt(p -> p.indices().size()).sum() == test.get(normal).indices().size()) {
            throw new DatasetException(data.name() + ": the test split has no image of any class but the normal class "
                    + normalName + ", so there is nothing anomalous to detect");
        }
    }

    private static List<Integer> indicesOf(LabelledImages split, int label) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < split.size(); i++) {
            if (split.label(i) == label) {
                indices.add(i);
            }
        }
        return indices;
    }

    /** A random subset of at most {@code cap} indices (0 = all), in split order. */
    private static List<Integer> capped(List<Integer> indices, int cap, Random random) {
        if (cap == 0 || indices.size() <= cap) {
            return indices;
        }
        List<Integer> shuffled = new ArrayList<>(indices);
        Collections.shuffle(shuffled, random);
        List<Integer> kept = new ArrayList<>(shuffled.subList(0, cap));
        Collections.sort(kept);
        return kept;
    }
}

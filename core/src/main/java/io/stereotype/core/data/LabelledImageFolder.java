package io.stereotype.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A labelled data set for training the doctor as a classifier (Eq. 3 on real labels):
 * <pre>
 * root/&lt;class name&gt;/*.png|jpg|jpeg   (one subfolder per class, at least 2)
 * </pre>
 * A class's index is the position of its folder name in sorted order, so the same folders always
 * give the same labels. Hidden files and folders (names starting with a dot, e.g. {@code .DS_Store})
 * are ignored. Opening decodes every image through {@link DatasetValidator#validateLabelled(Path)}
 * and lists every problem at once.
 */
public final class LabelledImageFolder {

    private final Path root;
    private final List<String> classNames;
    private final List<Path> images;
    private final int[] labels;

    private LabelledImageFolder(Path root, List<String> classNames, List<Path> images, int[] labels) {
        this.root = root;
        this.classNames = List.copyOf(classNames);
        this.images = List.copyOf(images);
        this.labels = labels;
    }

    /**
     * Checks the whole folder (layout, every image decoded, one channel count) and lists it.
     *
     * @throws DatasetException listing every problem found, one per line
     */
    public static LabelledImageFolder open(Path root) {
        DatasetValidator.validateLabelled(root).throwIfInvalid();
        // listing again is cheap next to the decoding the validation just did
        return scan(root, new ArrayList<>());
    }

    /**
     * Lists a folder that {@link #open} checked before (e.g. in an earlier pipeline step) without
     * decoding its images again; a layout that no longer holds still fails.
     *
     * @throws DatasetException listing every layout problem, one per line
     */
    public static LabelledImageFolder list(Path root) {
        List<String> problems = new ArrayList<>();
        LabelledImageFolder folder = scan(root, problems);
        if (!problems.isEmpty()) {
            throw new DatasetException("invalid labelled data set " + root + ":\n" + String.join("\n", problems));
        }
        return folder;
    }

    /**
     * Lists the class folders and their images as far as the layout allows, adding every structural
     * problem to {@code problems} instead of throwing (as {@link MvtecDataset#scan} does), so that
     * {@link DatasetValidator} can go on to decode the images that were found.
     */
    static LabelledImageFolder scan(Path root, List<String> problems) {
        List<String> names = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            problems.add(root + ": labelled data set folder does not exist or is not a folder");
            return of(root, names, images, labels);
        }
        List<Path> classFolders = new ArrayList<>();
        for (Path entry : visibleEntries(root, problems)) {
            if (Files.isDirectory(entry)) {
                classFolders.add(entry);
            } else {
                problems.add(entry + ": file directly in the labelled data set folder (images go into one subfolder per class: "
                        + root + "/<class>/<image>)");
            }
        }
        if (classFolders.size() < 2) {
            problems.add(root + ": " + classFolders.size() + (classFolders.size() == 1 ? " class folder " : " class folders ")
                    + classFolders.stream().map(f -> f.getFileName().toString()).toList()
                    + "; a labelled data set needs at least 2 (one subfolder of images per class)");
        }
        for (Path classFolder : classFolders) {
            List<Path> classImages = visibleEntries(classFolder, problems).stream()
                    .filter(Files::isRegularFile).filter(MvtecDataset::isImage).toList();
            if (classImages.isEmpty()) {
                problems.add(classFolder + ": no images (.png, .jpg, .jpeg) in class folder '" + classFolder.getFileName() + "'");
                continue; // an empty class would get a label that no image carries
            }
            for (Path image : classImages) {
                images.add(image);
                labels.add(names.size());
            }
            names.add(classFolder.getFileName().toString());
        }
        return of(root, names, images, labels);
    }

    private static LabelledImageFolder of(Path root, List<String> names, List<Path> images, List<Integer> labels) {
        return new LabelledImageFolder(root, names, images, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The entries of a folder that are not hidden, sorted by name. */
    static List<Path> visibleEntries(Path folder, List<String> problems) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(entry -> !isHidden(entry)).sorted(MvtecDataset.byName()).toList();
        } catch (IOException e) {
            problems.add(folder + ": cannot list folder: " + e.getMessage());
            return List.of();
        }
    }

    /** Dot files are metadata of tools and file systems (.DS_Store, ._image.png, .ipynb_checkpoints), never data. */
    static boolean isHidden(Path entry) {
        return entry.getFileName().toString().startsWith(".");
    }

    public Path root() {
        return root;
    }

    /** Class index to class name (the folder names, sorted). */
    public List<String> classNames() {
        return classNames;
    }

    /** Every image, by class, then by file name. */
    public List<Path> images() {
        return images;
    }

    /** The class index of each image of {@link #images()}, in the same order. */
    public int[] labels() {
        return labels.clone();
    }

    /** Number of images of each class, in class order (for logs and reports). */
    public Map<String, Integer> imagesPerClass() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        classNames.forEach(name -> counts.put(name, 0));
        for (int label : labels) {
            counts.merge(classNames.get(label), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }
}

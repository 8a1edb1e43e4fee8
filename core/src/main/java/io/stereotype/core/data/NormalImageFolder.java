package io.stereotype.core.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Training data as a plain folder of normal images ({@code *.png|jpg|jpeg}, no {@code train/test}
 * structure, subfolders not read): for training a model before any labelled test set exists.
 * Files with other extensions are ignored here and reported by {@link DatasetValidator}.
 */
public final class NormalImageFolder {

    private final Path root;
    private final List<Path> images;

    private NormalImageFolder(Path root, List<Path> images) {
        this.root = root;
        this.images = List.copyOf(images);
    }

    /**
     * Lists the images without decoding them.
     *
     * @throws DatasetException if the folder is missing, cannot be listed or holds no image
     */
    public static NormalImageFolder open(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DatasetException("image folder " + folder + " does not exist or is not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> images = files.filter(Files::isRegularFile).filter(MvtecDataset::isImage)
                    .sorted(MvtecDataset.byName()).toList();
            if (images.isEmpty()) {
                throw new DatasetException(folder + ": no normal images (.png, .jpg, .jpeg) in this folder");
            }
            return new NormalImageFolder(folder, images);
        } catch (IOException e) {
            throw new DatasetException(folder + ": cannot list folder: " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** The normal training images, sorted by file name (like {@link MvtecDataset#trainImages()}). */
    public List<Path> trainImages() {
        return images;
    }
}

package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * MNIST and Fashion-MNIST in their original IDX format (big-endian): a folder with
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}
 * and {@code t10k-labels-idx1-ubyte}, each plain or {@code .gz}. Image files hold magic 2051,
 * count, rows, columns, then one unsigned byte per pixel (row-major, 0 = background); label files
 * magic 2049, count, then one byte per label.
 */
public final class MnistIdxFiles {

    /** MNIST's classes: the digits, as its test folders are named elsewhere ({@link MnistDigits}). */
    public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** Fashion-MNIST's classes in label order, as folder names. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("t-shirt_top", "trouser", "pullover", "dress",
            "coat", "sandal", "shirt", "sneaker", "bag", "ankle_boot");

    static final int IMAGES_MAGIC = 2051;
    static final int LABELS_MAGIC = 2049;
    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private MnistIdxFiles() {
    }

    /** @throws DatasetException naming the file and the problem when a file is missing or malformed */
    public static ClassificationDataset readMnist(Path dir) {
        return read(dir, "MNIST", MNIST_CLASSES);
    }

    /** @throws DatasetException naming the file and the problem when a file is missing or malformed */
    public static ClassificationDataset readFashionMnist(Path dir) {
        return read(dir, "Fashion-MNIST", FASHION_MNIST_CLASSES);
    }

    private static ClassificationDataset read(Path dir, String name, List<String> classes) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException(name + " folder " + dir + " does not exist or is not a folder");
        }
        return new ClassificationDataset(name, classes, split(dir, "train", classes.size()), split(dir, "t10k", classes.size()));
    }

    private static LabelledImages split(Path dir, String prefix, int classes) {
        Path imageFile = BinaryFiles.locate(dir, prefix + "-images-idx3-ubyte");
        Path labelFile = BinaryFiles.locate(dir, prefix + "-labels-idx1-ubyte");
        IdxImages images = IdxImages.read(imageFile);
        byte[] labels = readLabels(labelFile, classes);
        if (labels.length - LABELS_HEADER != images.count) {
            throw new DatasetException(labelFile + " holds " + (labels.length - LABELS_HEADER) + " labels but "
                    + imageFile + " holds " + images.count + " images");
        }
        return new LabelledImages() {
            public int size() {
                return images.count;
            }

            public int label(int index) {
                return Byte.toUnsignedInt(labels[LABELS_HEADER + index]);
            }

            public FloatImage image(int index) {
                return images.image(index);
            }
        };
    }

    private static byte[] readLabels(Path file, int classes) {
        byte[] bytes = BinaryFiles.read(file);
        ByteBuffer header = header(file, bytes, LABELS_HEADER, LABELS_MAGIC, "labels (idx1-ubyte)");
        long count = header.getInt(4);
        requireLength(file, bytes, LABELS_HEADER + count, count + " labels");
        for (int i = LABELS_HEADER; i < bytes.length; i++) {
            if (Byte.toUnsignedInt(bytes[i]) >= classes) {
                throw new DatasetException(file + ": label " + Byte.toUnsignedInt(bytes[i]) + " of item " + (i - LABELS_HEADER)
                        + " is out of range 0-" + (classes - 1));
            }
        }
        return bytes;
    }

    /** Pixels of an IDX image file, kept as the file's bytes (no copy: MNIST's train file is 47 MB). */
    private record IdxImages(byte[] bytes, int count, int rows, int columns) {

        static IdxImages read(Path file) {
            byte[] bytes = BinaryFiles.read(file);
            ByteBuffer header = header(file, bytes, IMAGES_HEADER, IMAGES_MAGIC, "images (idx3-ubyte)");
            int count = header.getInt(4);
            int rows = header.getInt(8);
            int columns = header.getInt(12);
            if (count < 0 || rows <= 0 || columns <= 0) {
                throw new DatasetException(file + ": invalid header: " + count + " images of " + rows + "x" + columns);
            }
            requireLength(file, bytes, IMAGES_HEADER + (long) count * rows * columns,
                    count + " images of " + rows + "x" + columns + " pixels");
            return new IdxImages(bytes, count, rows, columns);
        }

        FloatImage image(int index) {
            int pixels = rows * columns;
            float[] values = new float[pixels];
            int offset = IMAGES_HEADER + index * pixels;
            for (int p = 0; p < pixels; p++) {
                values[p] = Byte.toUnsignedInt(bytes[offset + p]) / 255f;
            }
            return new FloatImage(columns, rows, 1, values);
        }
    }

    private static ByteBuffer header(Path file, byte[] bytes, int headerLength, int magic, String kind) {
        ByteBuffer header = ByteBuffer.wrap(bytes); // big-endian, as IDX
        // the magic number first: a wrong kind of file is the likelier cause of a short header
        if (bytes.length >= Integer.BYTES && header.getInt(0) != magic) {
            int actual = header.getInt(0);
            throw new DatasetException(file + ": wrong magic number " + actual + ", expected " + magic + " for IDX "
                    + kind + (actual == IMAGES_MAGIC + LABELS_MAGIC - magic ? " (images and labels files swapped?)" : ""));
        }
        if (bytes.length < headerLength) {
            throw new DatasetException(file + ": truncated: " + bytes.length + " bytes, shorter than the "
                    + headerLength + "-byte IDX header");
        }
        return header;
    }

    /** Exactly the promised length: a longer file is as suspect as a shorter one. */
    private static void requireLength(Path file, byte[] bytes, long expected, String promised) {
        String content = file.getFileName().toString().endsWith(BinaryFiles.GZIP_SUFFIX) ? " decompressed" : "";
        if (bytes.length < expected) {
            throw new DatasetException(file + ": truncated: the header promises " + promised + " (" + expected
                    + " bytes) but the file holds only " + bytes.length + content + " bytes");
        }
        if (bytes.length > expected) {
            throw new DatasetException(file + ": " + (bytes.length - expected) + " bytes beyond the " + promised
                    + " its header promises (" + expected + " bytes)");
        }
    }
}

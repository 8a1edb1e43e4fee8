package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 in its binary version: {@code data_batch_1.bin} to {@code data_batch_5.bin} (train) and
 * {@code test_batch.bin} (test), directly in the folder or in its {@code cifar-10-batches-bin}
 * subfolder (as the archive unpacks). Each file is a sequence of 3073-byte records (10,000 in the
 * official files): one label byte 0-9, then the 32x32 red, green and blue planes, row-major.
 */
public final class Cifar10Batches {

    /** The classes in label order (batches.meta.txt). */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    static final int SIDE = 32;
    private static final int PLANE = SIDE * SIDE;
    static final int RECORD = 1 + 3 * PLANE;
    private static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";
    private static final int TRAIN_BATCHES = 5;

    private Cifar10Batches() {
    }

    /** @throws DatasetException naming the file and the problem when a batch is missing or malformed */
    public static ClassificationDataset read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DatasetException("CIFAR-10 folder " + dir + " does not exist or is not a folder");
        }
        Path batches = Files.isDirectory(dir.resolve(ARCHIVE_FOLDER)) ? dir.resolve(ARCHIVE_FOLDER) : dir;
        List<Path> trainFiles = new ArrayList<>();
        for (int b = 1; b <= TRAIN_BATCHES; b++) {
            trainFiles.add(batch(batches, "data_batch_" + b + ".bin"));
        }
        return new ClassificationDataset("CIFAR-10", CLASSES, records(trainFiles), records(List.of(batch(batches, "test_batch.bin"))));
    }

    private static Path batch(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new DatasetException("missing CIFAR-10 batch file " + file);
        }
        return file;
    }

    /** The records of several batch files as one split; the files' bytes are kept as read (no copy). */
    private static LabelledImages records(List<Path> files) {
        List<byte[]> batches = new ArrayList<>();
        for (Path file : files) {
            batches.add(readBatch(file));
        }
        int size = batches.stream().mapToInt(b -> b.length / RECORD).sum();
        return new LabelledImages() {
            public int size() {
                return size;
            }

            public int label(int index) {
                Location at = locate(index);
                return Byte.toUnsignedInt(at.batch()[at.offset()]);
            }

            public FloatImage image(int index) {
                Location at = locate(index);
                float[] rgb = new float[3 * PLANE];
                for (int c = 0; c < 3; c++) {
                    int plane = at.offset() + 1 + c * PLANE;
                    for (int p = 0; p < PLANE; p++) {
                        rgb[3 * p + c] = Byte.toUnsignedInt(at.batch()[plane + p]) / 255f;
                    }
                }
                return new FloatImage(SIDE, SIDE, 3, rgb);
            }

            private Location locate(int index) {
                int remaining = index;
                for (byte[] batch : batches) {
                    int records = batch.length / RECORD;
                    if (remaining < records) {
                        return new Location(batch, remaining * RECORD);
                    }
                    remaining -= records;
                }
                throw new IndexOutOfBoundsException("record " + index + " of " + size);
            }
        };
    }

    private record Location(byte[] batch, int offset) {
    }

    private static byte[] readBatch(Path file) {
        byte[] bytes = BinaryFiles.read(file);
        if (bytes.length == 0) {
            throw new DatasetException(file + ": empty CIFAR-10 batch file (0 bytes)");
        }
        if (bytes.length % RECORD != 0) {
            throw new DatasetException(file + ": truncated: " + bytes.length + " bytes is not a whole number of "
                    + RECORD + "-byte records (label byte + 32x32 R, G, B planes); the last record has only "
                    + bytes.length % RECORD + " bytes");
        }
        for (int offset = 0; offset < bytes.length; offset += RECORD) {
            int label = Byte.toUnsignedInt(bytes[offset]);
            if (label >= CLASSES.size()) {
                throw new DatasetException(file + ": record " + offset / RECORD + " has label " + label
                        + ", CIFAR-10 labels are 0-9 (a CIFAR-100 file?)");
            }
        }
        return bytes;
    }
}

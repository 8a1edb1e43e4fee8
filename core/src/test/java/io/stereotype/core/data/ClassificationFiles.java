package io.stereotype.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes tiny files in the exact IDX and CIFAR-10 binary formats for tests. */
final class ClassificationFiles {

    static final int ROWS = 2;
    static final int COLUMNS = 3;

    private ClassificationFiles() {
    }

    /** Pixel (x, y) of image i: distinct per image and position, so orientation mistakes show. */
    static int idxPixel(int image, int x, int y) {
        return (image * 16 + y * COLUMNS + x + 1) & 0xff;
    }

    static byte[] idxImages(int count) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + count * ROWS * COLUMNS)
                .putInt(MnistIdxFiles.IMAGES_MAGIC).putInt(count).putInt(ROWS).putInt(COLUMNS);
        for (int i = 0; i < count; i++) {
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLUMNS; x++) {
                    buffer.put((byte) idxPixel(i, x, y));
                }
            }
        }
        return buffer.array();
    }

    static byte[] idxLabels(int... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length).putInt(MnistIdxFiles.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return buffer.array();
    }

    /** Train labels 0,1,2,...,9,0,1 (12 images, gzip-compressed) and test labels 0-9 twice (20 images, plain). */
    static Path mnistIdxFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idxImages(12)));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idxLabels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idxImages(20));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idxLabels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        return dir;
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Channel c of pixel p of record r: distinct per plane, so plane-order mistakes show. */
    static int cifarValue(int record, int c, int p) {
        return (record * 7 + c * 80 + p) & 0xff;
    }

    /** CIFAR-10 records with the given labels; record numbers start at {@code firstRecord}. */
    static byte[] cifarBatch(int firstRecord, int... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(labels.length * Cifar10Batches.RECORD);
        for (int r = 0; r < labels.length; r++) {
            buffer.put((byte) labels[r]);
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 32 * 32; p++) {
                    buffer.put((byte) cifarValue(firstRecord + r, c, p));
                }
            }
        }
        return buffer.array();
    }

    /** Five train batches of two records (labels 0-9 once) and a test batch with labels 0-9 twice. */
    static Path cifarFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int b = 1; b <= 5; b++) {
            Files.write(dir.resolve("data_batch_" + b + ".bin"), cifarBatch(2 * (b - 1), 2 * (b - 1), 2 * (b - 1) + 1));
        }
        Files.write(dir.resolve("test_batch.bin"), cifarBatch(100, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        return dir;
    }
}

package io.stereotype.core.data;

import static io.stereotype.core.data.ClassificationFiles.COLUMNS;
import static io.stereotype.core.data.ClassificationFiles.ROWS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stereotype.core.image.FloatImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistIdxFilesTest {

    @TempDir
    Path dir;

    private String error(Path folder) {
        return assertThrows(DatasetException.class, () -> MnistIdxFiles.readMnist(folder)).getMessage();
    }

    @Test
    void readsGzipAndPlainFilesWithLabelsAndPixelsInPlace() throws IOException {
        ClassificationDataset mnist = MnistIdxFiles.readMnist(ClassificationFiles.mnistIdxFolder(dir));
        assertEquals("MNIST", mnist.name());
        assertEquals(12, mnist.train().size());
        assertEquals(20, mnist.test().size());
        assertEquals(9, mnist.train().label(9));
        assertEquals(7, mnist.test().label(17));
        FloatImage image = mnist.test().image(17);
        assertEquals(COLUMNS, image.width());
        assertEquals(ROWS, image.height());
        assertEquals(1, image.channels());
        assertEquals(ClassificationFiles.idxPixel(17, 2, 1) / 255f, image.get(2, 1, 0));
        assertEquals(ClassificationFiles.idxPixel(5, 0, 1) / 255f, mnist.train().image(5).get(0, 1, 0));
        assertEquals("ankle_boot", MnistIdxFiles.readFashionMnist(dir).classNames().get(9));
    }

    @Test
    void rejectsAWrongMagicNumber() throws IOException {
        ClassificationFiles.mnistIdxFolder(dir);
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        Files.write(images, ClassificationFiles.idxLabels(1, 2));
        assertEquals(images + ": wrong magic number 2049, expected 2051 for IDX images (idx3-ubyte) (images and labels files swapped?)",
                error(dir));
    }

    @Test
    void rejectsTruncatedFilesPlainAndCompressed() throws IOException {
        ClassificationFiles.mnistIdxFolder(dir);
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        byte[] complete = ClassificationFiles.idxImages(20);
        Files.write(images, Arrays.copyOf(complete, complete.length - 1));
        assertEquals(images + ": truncated: the header promises 20 images of 2x3 pixels (136 bytes) but the file holds only 135 bytes",
                error(dir));
        Files.write(images, Arrays.copyOf(complete, 10));
        assertEquals(images + ": truncated: 10 bytes, shorter than the 16-byte IDX header", error(dir));
        Files.write(images, complete);

        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        byte[] gzip = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(gzip, gzip.length - 12));
        assertEquals(labels + ": corrupt or truncated gzip file: Unexpected end of ZLIB input stream", error(dir));
    }

    @Test
    void rejectsCountMismatchesAndLabelsOutOfRange() throws IOException {
        ClassificationFiles.mnistIdxFolder(dir);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        Files.write(labels, ClassificationFiles.idxLabels(0, 1, 2));
        assertEquals(labels + " holds 3 labels but " + dir.resolve("t10k-images-idx3-ubyte") + " holds 20 images", error(dir));
        Files.write(labels, ClassificationFiles.idxLabels(0, 1, 2, 10));
        assertEquals(labels + ": label 10 of item 3 is out of range 0-9", error(dir));
    }

    @Test
    void namesTheMissingFile() throws IOException {
        ClassificationFiles.mnistIdxFolder(dir);
        Files.delete(dir.resolve("train-images-idx3-ubyte.gz"));
        assertEquals("missing file " + dir.resolve("train-images-idx3-ubyte") + " (or train-images-idx3-ubyte.gz)", error(dir));
        assertEquals("MNIST folder " + dir.resolve("nope") + " does not exist or is not a folder", error(dir.resolve("nope")));
    }
}

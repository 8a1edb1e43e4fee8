package io.stereotype.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stereotype.core.image.FloatImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10BatchesTest {

    @TempDir
    Path dir;

    private String error() {
        return assertThrows(DatasetException.class, () -> Cifar10Batches.read(dir)).getMessage();
    }

    @Test
    void readsRecordsAcrossBatchesAsInterleavedRgb() throws IOException {
        ClassificationDataset cifar = Cifar10Batches.read(ClassificationFiles.cifarFolder(dir));
        assertEquals(10, cifar.train().size());
        assertEquals(20, cifar.test().size());
        assertEquals(7, cifar.train().label(7)); // record 1 of data_batch_4
        assertEquals(3, cifar.test().label(13));
        FloatImage image = cifar.train().image(7);
        assertEquals(32, image.width());
        assertEquals(3, image.channels());
        int x = 5;
        int y = 2;
        for (int c = 0; c < 3; c++) {
            assertEquals(ClassificationFiles.cifarValue(7, c, y * 32 + x) / 255f, image.get(x, y, c), "channel " + c);
        }
        assertEquals(ClassificationFiles.cifarValue(113, 2, 0) / 255f, cifar.test().image(13).get(0, 0, 2));
    }

    @Test
    void findsTheArchiveSubfolder() throws IOException {
        ClassificationFiles.cifarFolder(dir.resolve("cifar-10-batches-bin"));
        assertEquals(20, Cifar10Batches.read(dir).test().size());
    }

    @Test
    void rejectsTruncatedBatchesBadLabelsAndMissingFiles() throws IOException {
        ClassificationFiles.cifarFolder(dir);
        Path batch = dir.resolve("data_batch_3.bin");
        byte[] complete = Files.readAllBytes(batch);
        Files.write(batch, Arrays.copyOf(complete, complete.length - 100));
        assertEquals(batch + ": truncated: 6046 bytes is not a whole number of 3073-byte records"
                + " (label byte + 32x32 R, G, B planes); the last record has only 2973 bytes", error());
        Files.write(batch, new byte[0]);
        assertEquals(batch + ": empty CIFAR-10 batch file (0 bytes)", error());
        Files.write(batch, ClassificationFiles.cifarBatch(0, 4, 12));
        assertEquals(batch + ": record 1 has label 12, CIFAR-10 labels are 0-9 (a CIFAR-100 file?)", error());
        Files.delete(batch);
        assertEquals("missing CIFAR-10 batch file " + batch, error());
    }
}

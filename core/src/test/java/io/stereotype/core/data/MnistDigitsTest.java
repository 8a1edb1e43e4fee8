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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDigitsTest {

    private static final int IMAGES_PER_DIGIT = 6;

    @TempDir
    Path dir;

    /** Pixel value of image {@code index} of {@code digit}: distinct per image, a multiple of 1/255. */
    private static float value(int digit, int index) {
        return (digit * IMAGES_PER_DIGIT + index + 1) / 255f;
    }

    /** Writes ten digit files in the npm package's format: {"data": [784 values per image, concatenated]}. */
    private Path fakeDigits(int imagesPerDigit) throws IOException {
        Path digits = Files.createDirectories(dir.resolve("digits"));
        for (int d = 0; d < 10; d++) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < imagesPerDigit; i++) {
                for (int p = 0; p < 784; p++) {
                    values.add(p == 0 ? "0" : Float.toString(value(d, i)));
                }
            }
            Files.writeString(digits.resolve(d + ".json"), "{ \"data\": [" + String.join(",", values) + "]}");
        }
        return digits;
    }

    @Test
    void readsTwentyEightSquareGreyImagesPerDigit() throws IOException {
        Map<Integer, List<FloatImage>> digits = MnistDigits.read(fakeDigits(IMAGES_PER_DIGIT));
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), digits.keySet());
        FloatImage image = digits.get(7).get(2);
        assertEquals(28, image.width());
        assertEquals(1, image.channels());
        assertEquals(0f, image.get(0, 0, 0));
        assertEquals(value(7, 2), image.get(27, 27, 0));
        assertEquals(IMAGES_PER_DIGIT, digits.get(0).size());
    }

    @Test
    void malformedFilesAreErrorsNamingTheFile() throws IOException {
        Path digits = fakeDigits(1);
        Path three = digits.resolve("3.json");
        Files.writeString(three, "{\"data\": [0.5, 0.25]}");
        var length = assertThrows(DatasetException.class, () -> MnistDigits.read(digits));
        assertEquals("MNIST digit file " + three + ": 'data' holds 2 values, expected a positive multiple of 784 (28x28 per image)",
                length.getMessage());

        Files.writeString(three, "{\"data\": [0.5, 1.5]}");
        var range = assertThrows(DatasetException.class, () -> MnistDigits.read(digits));
        assertEquals("MNIST digit file " + three + ": value 1.5 at index 1 (image 0, pixel 1) is outside [0,1]", range.getMessage());

        Files.writeString(three, "{\"pixels\": []}");
        var noData = assertThrows(DatasetException.class, () -> MnistDigits.read(digits));
        assertEquals("MNIST digit file " + three + ": no 'data' array", noData.getMessage());

        Files.writeString(three, "{\"data\": [0.5, ");
        var truncated = assertThrows(DatasetException.class, () -> MnistDigits.read(digits));
        assertTrue(truncated.getMessage().startsWith("MNIST digit file " + three + " is not valid JSON"), truncated.getMessage());

        Files.delete(three);
        var missing = assertThrows(DatasetException.class, () -> MnistDigits.read(digits));
        assertEquals("MNIST digit file " + three + " is missing", missing.getMessage());
    }

    @Test
    void writesTheOneClassProtocolInTheMvtecLayout() throws IOException {
        Map<Integer, List<FloatImage>> digits = MnistDigits.read(fakeDigits(IMAGES_PER_DIGIT));
        Path out = dir.resolve("mnist-3");
        MnistDigits.writeOneClass(digits, 3, 3, 2, 42, out);

        MvtecDataset dataset = MvtecDataset.open(out);
        assertFalse(dataset.hasMasks());
        assertEquals(3, dataset.trainImages().size());
        Map<String, Long> perFolder = dataset.testSamples().stream()
                .collect(Collectors.groupingBy(Sample::defectType, Collectors.counting()));
        assertEquals(Map.of("good", 2L, "0", 2L, "1", 2L, "2", 2L, "4", 2L, "5", 2L, "6", 2L, "7", 2L, "8", 2L, "9", 2L), perFolder);

        // train and test normal images are different images of the normal class
        Set<String> trainNames = names(out.resolve("train/good"));
        Set<String> testNames = names(out.resolve("test/good"));
        assertTrue(trainNames.stream().allMatch(n -> n.startsWith("3_")), trainNames.toString());
        assertTrue(testNames.stream().allMatch(n -> n.startsWith("3_")), testNames.toString());
        Set<String> overlap = new HashSet<>(trainNames);
        overlap.retainAll(testNames);
        assertEquals(Set.of(), overlap);

        // the file holds the image its name points at
        Sample anomalous = dataset.testSamples().getFirst();
        String name = anomalous.image().getFileName().toString();
        int index = Integer.parseInt(name.substring(2, 7));
        assertArrayEquals(digits.get(0).get(index).data(), ImageFiles.read(anomalous.image()).data(), 1e-6f);
    }

    @Test
    void theSplitDependsOnlyOnTheSeed() throws IOException {
        Map<Integer, List<FloatImage>> digits = MnistDigits.read(fakeDigits(IMAGES_PER_DIGIT));
        MnistDigits.writeOneClass(digits, 5, 2, 2, 7, dir.resolve("a"));
        MnistDigits.writeOneClass(digits, 5, 2, 2, 7, dir.resolve("b"));
        MnistDigits.writeOneClass(digits, 5, 2, 2, 8, dir.resolve("c"));
        assertEquals(names(dir.resolve("a/train/good")), names(dir.resolve("b/train/good")));
        assertEquals(names(dir.resolve("a/test/9")), names(dir.resolve("b/test/9")));
        assertNotEquals(allNames(dir.resolve("a")), allNames(dir.resolve("c")));
    }

    @Test
    void tooFewImagesOrANonEmptyTargetFailWithoutWritingAnything() throws IOException {
        Map<Integer, List<FloatImage>> digits = MnistDigits.read(fakeDigits(IMAGES_PER_DIGIT));
        Path out = dir.resolve("out");
        var tooFew = assertThrows(IllegalArgumentException.class, () -> MnistDigits.writeOneClass(digits, 1, 5, 2, 0, out));
        assertEquals("digit 1 has 6 images, needs 7", tooFew.getMessage());
        assertFalse(Files.exists(out));

        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        var occupied = assertThrows(DatasetException.class, () -> MnistDigits.writeOneClass(digits, 1, 2, 2, 0, out));
        assertEquals("output folder " + out.toAbsolutePath() + " is not empty; refusing to overwrite it", occupied.getMessage());
        assertEquals(Set.of("keep.txt"), names(out));
        assertEquals(Set.of("digits", "out"), names(dir));
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static List<String> allNames(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }
}

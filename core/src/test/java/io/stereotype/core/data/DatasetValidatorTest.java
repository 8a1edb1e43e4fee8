package io.stereotype.core.data;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetValidatorTest {

    @TempDir
    Path root;

    private Path image(String relative, int size, int channels) {
        Path file = root.resolve(relative);
        ImageFiles.writePng(FloatImage.zeros(size, size, channels), file);
        return file;
    }

    private void validMvtec() {
        image("train/good/000.png", 8, 3);
        image("train/good/001.png", 8, 3);
        image("test/good/000.png", 8, 3);
        image("test/crack/000.png", 8, 3);
        image("test/crack/001.png", 8, 3);
        image("ground_truth/crack/000_mask.png", 8, 1);
        image("ground_truth/crack/001_mask.png", 8, 1);
    }

    @Test
    void validDataSetHasNoProblemsAndCountsEverything() {
        validMvtec();
        ValidationReport report = DatasetValidator.validate(root);
        assertEquals(List.of(), report.problems());
        assertTrue(report.valid());
        assertDoesNotThrow(report::throwIfInvalid);
        assertEquals(ValidationReport.Layout.MVTEC, report.layout());
        assertEquals(2, report.trainImages());
        assertEquals(Map.of("crack", 2, "good", 1), report.testImages());
        assertEquals(2, report.masks());
        assertEquals(Map.of("8x8", 5), report.imageSizes());
        assertEquals(0, report.greyImages());
        assertEquals(5, report.rgbImages());
        assertTrue(report.summary().contains("test images: {crack=2, good=1}"), report.summary());
    }

    @Test
    void listsEveryProblemWithItsFile() throws IOException {
        validMvtec();
        image("train/good/002.png", 8, 1);                         // grey among RGB training images
        Files.write(root.resolve("train/good/003.png"), new byte[0]); // zero bytes
        Path truncated = image("test/crack/002.png", 32, 3);
        byte[] png = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(png, png.length / 2));
        image("ground_truth/crack/002_mask.png", 8, 1);
        image("test/crack/003.png", 8, 3);                          // no mask
        image("test/hole/000.png", 8, 3);
        image("ground_truth/hole/000_mask.png", 6, 1);              // wrong size
        image("ground_truth/hole/999_mask.png", 8, 1);              // no such test image
        Files.writeString(root.resolve("test/good/notes.txt"), "x");
        image("test/good/001.bmp", 8, 3);
        Files.createDirectories(root.resolve("test/scratch"));      // empty split

        ValidationReport report = DatasetValidator.validate(root);

        assertFalse(report.valid());
        List<String> expected = List.of(
                root.resolve("test/scratch") + ": no test images (.png, .jpg, .jpeg)",
                root.resolve("ground_truth/scratch") + ": ground-truth folder missing for defect 'scratch'",
                root.resolve("ground_truth/crack/003_mask.png") + ": mask missing for " + root.resolve("test/crack/003.png"),
                root.resolve("test/good/001.bmp") + ": unexpected file (only .png, .jpg, .jpeg images are read)",
                root.resolve("test/good/notes.txt") + ": unexpected file (only .png, .jpg, .jpeg images are read)",
                root.resolve("ground_truth/hole/999_mask.png") + ": unexpected file in ground truth (masks are named"
                        + " <test image name>_mask.png after an image of " + root.resolve("test/hole") + ")",
                "image file is empty (0 bytes): " + root.resolve("train/good/003.png"),
                root.resolve("train/good/002.png") + ": grey image among 2 RGB images of the train split (mixed channel counts)",
                "mask " + root.resolve("ground_truth/hole/000_mask.png") + " is 6x6 but its image is 8x8");
        for (String problem : expected) {
            assertTrue(report.problems().contains(problem), "missing problem: " + problem + "\nin " + report.problems());
        }
        String truncatedProblem = report.problems().stream().filter(p -> p.contains("test/crack/002.png")).findFirst().orElseThrow();
        assertTrue(truncatedProblem.startsWith("cannot decode image (corrupt or truncated?) " + truncated), truncatedProblem);
        assertEquals(expected.size() + 1, report.problems().size(), String.join("\n", report.problems()));

        assertEquals(4, report.trainImages());
        assertEquals(Map.of("crack", 4, "good", 1, "hole", 1), report.testImages());
        assertEquals(4, report.masks());
        assertEquals(1, report.greyImages());

        DatasetException error = assertThrows(DatasetException.class, report::throwIfInvalid);
        List<String> lines = error.getMessage().lines().toList();
        assertEquals("invalid data set " + root + " (10 problems):", lines.getFirst());
        assertEquals(report.problems(), lines.subList(1, lines.size()));
    }

    @Test
    void readsAFolderOfNormalImagesAsTrainingData() {
        image("a.png", 16, 1);
        image("b.png", 16, 1);
        image("c.png", 12, 1);
        ValidationReport report = DatasetValidator.validate(root);
        assertTrue(report.valid(), report.summary());
        assertEquals(ValidationReport.Layout.NORMAL_IMAGE_FOLDER, report.layout());
        assertEquals(3, report.trainImages());
        assertEquals(Map.of("12x12", 1, "16x16", 2), report.imageSizes());
        assertEquals(List.of(root.resolve("a.png"), root.resolve("b.png"), root.resolve("c.png")),
                NormalImageFolder.open(root).trainImages());
    }

    @Test
    void folderOfNormalImagesReportsUnreadEntriesAndMixedChannels() throws IOException {
        image("a.png", 16, 3);
        image("b.png", 16, 3);
        image("c.png", 16, 1);
        image("more/d.png", 16, 3);
        Files.writeString(root.resolve("labels.csv"), "x");
        assertEquals(List.of(
                root.resolve("labels.csv") + ": unexpected file (only .png, .jpg, .jpeg images are read)",
                root.resolve("more") + ": unexpected subfolder (images in subfolders are not read)",
                root.resolve("c.png") + ": grey image among 2 RGB images of the train split (mixed channel counts)"),
                DatasetValidator.validate(root).problems());
    }

    @Test
    void emptyOrMissingFoldersAreProblemsNotExceptions() {
        assertEquals(List.of(root + ": no normal images (.png, .jpg, .jpeg) in this folder"),
                DatasetValidator.validate(root).problems());
        assertThrows(DatasetException.class, () -> NormalImageFolder.open(root));
        Path absent = root.resolve("absent");
        assertEquals(List.of(absent + ": data set folder does not exist or is not a folder"),
                DatasetValidator.validate(absent).problems());
    }
}

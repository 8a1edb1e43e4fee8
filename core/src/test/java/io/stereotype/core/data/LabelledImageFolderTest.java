package io.stereotype.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.TrainingData;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.train.TrainingImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledImageFolderTest {

    @TempDir
    Path root;

    private Path image(String relative, int channels) {
        Path file = root.resolve(relative);
        ImageFiles.writePng(FloatImage.zeros(8, 8, channels), file);
        return file;
    }

    @Test
    void labelsAreThePositionsOfTheSortedClassFolderNames() throws IOException {
        image("zebra/1.png", 3);
        image("ant/b.png", 3);
        image("ant/a.png", 3);
        image("moth/x.png", 3);
        // metadata that tools leave behind is not data
        Files.writeString(root.resolve(".DS_Store"), "x");
        Files.writeString(root.resolve("ant/.DS_Store"), "x");
        image(".thumbnails/t.png", 3);

        LabelledImageFolder folder = LabelledImageFolder.open(root);

        assertEquals(List.of("ant", "moth", "zebra"), folder.classNames());
        assertEquals(List.of(root.resolve("ant/a.png"), root.resolve("ant/b.png"), root.resolve("moth/x.png"),
                root.resolve("zebra/1.png")), folder.images());
        assertArrayEquals(new int[] {0, 0, 1, 2}, folder.labels());
        assertEquals(Map.of("ant", 2, "moth", 1, "zebra", 1), folder.imagesPerClass());

        TrainingData data = TrainingData.of(folder);
        assertArrayEquals(new int[] {0, 0, 1, 2}, data.classes());
        assertEquals(folder.images().stream().map(Path::toString).toList(), data.images().stream().map(TrainingImage::name).toList());
        assertEquals(3, data.images().get(3).read().channels(), "file-backed: read from disk");

        ValidationReport report = DatasetValidator.validateLabelled(root);
        assertEquals(ValidationReport.Layout.LABELLED_IMAGE_FOLDERS, report.layout());
        assertEquals(4, report.trainImages());
        assertEquals(Map.of("8x8", 4), report.imageSizes());
        assertTrue(report.summary().contains("images per class: {ant=2, moth=1, zebra=1}"), report.summary());
    }

    @Test
    void listsEveryProblemAtOnceNamingEachFile() throws IOException {
        image("cat/1.png", 3);
        image("cat/2.png", 3);
        image("cat/3.png", 1);                                       // grey among RGB
        Files.write(root.resolve("cat/4.png"), new byte[0]);        // zero bytes
        Files.writeString(root.resolve("cat/labels.csv"), "x");     // not an image
        image("cat/kittens/5.png", 3);                               // nested: never read
        Path truncated = image("dog/1.png", 3);
        byte[] png = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(png, png.length / 2));
        Files.createDirectories(root.resolve("empty"));              // a class without images
        image("stray.png", 3);                                       // outside every class folder

        List<String> expected = List.of(
                root.resolve("stray.png") + ": file directly in the labelled data set folder (images go into one subfolder"
                        + " per class: " + root + "/<class>/<image>)",
                root.resolve("empty") + ": no images (.png, .jpg, .jpeg) in class folder 'empty'",
                root.resolve("cat/kittens") + ": unexpected subfolder (images in subfolders are not read)",
                root.resolve("cat/labels.csv") + ": unexpected file (only .png, .jpg, .jpeg images are read)",
                "image file is empty (0 bytes): " + root.resolve("cat/4.png"),
                root.resolve("cat/3.png") + ": grey image among 2 RGB images of the labelled data set (mixed channel counts)");
        List<String> problems = DatasetValidator.validateLabelled(root).problems();
        assertEquals(expected.size() + 1, problems.size(), String.join("\n", problems));
        for (String problem : expected) {
            assertTrue(problems.contains(problem), "missing problem: " + problem + "\nin " + problems);
        }
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("cannot decode image (corrupt or truncated?) " + truncated)),
                String.join("\n", problems));

        DatasetException error = assertThrows(DatasetException.class, () -> LabelledImageFolder.open(root));
        List<String> lines = error.getMessage().lines().toList();
        assertEquals("invalid data set " + root + " (7 problems):", lines.getFirst());
        assertEquals(problems, lines.subList(1, lines.size()));
    }

    @Test
    void listingAgainDecodesNothingButStillChecksTheLayout() throws IOException {
        image("ant/a.png", 3);
        Path second = image("moth/x.png", 3);
        Files.write(second, new byte[0]); // a listing does not decode: prep's validation already did
        LabelledImageFolder listed = LabelledImageFolder.list(root);
        assertEquals(List.of("ant", "moth"), listed.classNames());
        assertArrayEquals(new int[] {0, 1}, listed.labels());

        Files.delete(second);
        DatasetException error = assertThrows(DatasetException.class, () -> LabelledImageFolder.list(root));
        assertTrue(error.getMessage().contains(root.resolve("moth") + ": no images"), error.getMessage());
    }

    @Test
    void oneClassIsNotEnoughToLearnFrom() {
        image("cat/1.png", 3);
        image("cat/2.png", 3);
        DatasetException error = assertThrows(DatasetException.class, () -> LabelledImageFolder.open(root));
        assertTrue(error.getMessage().contains(root + ": 1 class folder [cat]; a labelled data set needs at least 2"
                + " (one subfolder of images per class)"), error.getMessage());
    }

    @Test
    void aFolderOfImagesWithoutClassFoldersIsNamedAsSuch() {
        image("1.png", 3);
        assertEquals(List.of(
                root.resolve("1.png") + ": file directly in the labelled data set folder (images go into one subfolder"
                        + " per class: " + root + "/<class>/<image>)",
                root + ": 0 class folders []; a labelled data set needs at least 2 (one subfolder of images per class)"),
                DatasetValidator.validateLabelled(root).problems());
    }

    @Test
    void aMissingFolderIsOneProblem() {
        Path absent = root.resolve("absent");
        DatasetException error = assertThrows(DatasetException.class, () -> LabelledImageFolder.open(absent));
        assertEquals("invalid data set " + absent + " (1 problem):\n"
                + absent + ": labelled data set folder does not exist or is not a folder", error.getMessage());
    }
}

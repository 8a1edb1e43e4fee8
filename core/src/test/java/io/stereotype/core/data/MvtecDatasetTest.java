package io.stereotype.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MvtecDatasetTest {

    @TempDir
    Path root;

    private void image(String relative) {
        ImageFiles.writePng(FloatImage.zeros(4, 4, 1), root.resolve(relative));
    }

    private void mvtecLayout() {
        image("train/good/001.png");
        image("train/good/000.png");
        image("test/good/000.png");
        image("test/scratch/001.png");
        image("test/scratch/000.png");
        image("test/crack/000.png");
        image("ground_truth/scratch/000_mask.png");
        image("ground_truth/scratch/001_mask.png");
        image("ground_truth/crack/000_mask.png");
    }

    @Test
    void listsTrainingImagesAndTestSamplesSortedWithTheirMasks() throws IOException {
        mvtecLayout();
        Files.writeString(root.resolve("train/good/readme.txt"), "not an image");
        MvtecDataset dataset = MvtecDataset.open(root);
        assertTrue(dataset.hasMasks());
        assertEquals(List.of(root.resolve("train/good/000.png"), root.resolve("train/good/001.png")), dataset.trainImages());
        assertEquals(List.of(
                new Sample(root.resolve("test/crack/000.png"), "crack", root.resolve("ground_truth/crack/000_mask.png")),
                new Sample(root.resolve("test/good/000.png"), "good", null),
                new Sample(root.resolve("test/scratch/000.png"), "scratch", root.resolve("ground_truth/scratch/000_mask.png")),
                new Sample(root.resolve("test/scratch/001.png"), "scratch", root.resolve("ground_truth/scratch/001_mask.png"))),
                dataset.testSamples());
        assertFalse(dataset.testSamples().get(1).anomalous());
        assertTrue(dataset.testSamples().get(0).anomalous());
        assertEquals(root, dataset.root());
    }

    @Test
    void imageLevelDataHasNoMasks() {
        image("train/good/a.jpg");
        image("test/good/b.png");
        image("test/3/c.jpeg");
        MvtecDataset dataset = MvtecDataset.open(root);
        assertFalse(dataset.hasMasks());
        assertEquals(2, dataset.testSamples().size());
        assertNull(dataset.testSamples().get(0).mask());
        assertEquals("3", dataset.testSamples().get(0).defectType());
    }

    @Test
    void reportsEveryProblemAtOnceOnePerLine() throws IOException {
        mvtecLayout();
        Files.delete(root.resolve("train/good/000.png"));
        Files.delete(root.resolve("train/good/001.png"));
        Files.delete(root.resolve("ground_truth/scratch/001_mask.png"));
        Files.createDirectories(root.resolve("test/empty"));
        Files.createDirectories(root.resolve("ground_truth/orphan"));
        var error = assertThrows(DatasetException.class, () -> MvtecDataset.open(root));
        List<String> lines = error.getMessage().lines().toList();
        assertEquals(List.of(
                "invalid MVTec-layout data set " + root + ":",
                root.resolve("train/good") + ": no training images (.png, .jpg, .jpeg)",
                root.resolve("test/empty") + ": no test images (.png, .jpg, .jpeg)",
                root.resolve("ground_truth/empty") + ": ground-truth folder missing for defect 'empty'",
                root.resolve("ground_truth/scratch/001_mask.png") + ": mask missing for " + root.resolve("test/scratch/001.png"),
                root.resolve("ground_truth/orphan") + ": ground-truth folder without a test folder " + root.resolve("test/orphan")),
                lines);
    }

    @Test
    void reportsMissingFolders() {
        var missingRoot = assertThrows(DatasetException.class, () -> MvtecDataset.open(root.resolve("absent")));
        assertEquals("data set folder " + root.resolve("absent") + " does not exist or is not a folder", missingRoot.getMessage());
        image("test/scratch/0.png");
        var error = assertThrows(DatasetException.class, () -> MvtecDataset.open(root));
        assertEquals(List.of(
                "invalid MVTec-layout data set " + root + ":",
                root.resolve("train/good") + ": folder missing",
                root.resolve("test/good") + ": folder of normal test images missing"),
                error.getMessage().lines().toList());
    }
}

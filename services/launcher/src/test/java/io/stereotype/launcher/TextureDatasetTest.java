package io.stereotype.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextureDatasetTest {
    private static final TextureDataset SMALL = new TextureDataset(48, 3, 2, 2, 5L);

    @Test
    void writesTheMvtecLayoutWithAMaskForEveryDefectImage(@TempDir Path dir) throws IOException {
        Path root = SMALL.writeTo(dir.resolve("set"));

        assertThat(files(root), contains(
            "ground_truth/scratch/000_mask.png", "ground_truth/scratch/001_mask.png",
            "ground_truth/spot/000_mask.png", "ground_truth/spot/001_mask.png",
            "test/good/000.png", "test/good/001.png",
            "test/scratch/000.png", "test/scratch/001.png",
            "test/spot/000.png", "test/spot/001.png",
            "train/good/000.png", "train/good/001.png", "train/good/002.png"));
        BufferedImage image = ImageIO.read(root.resolve("test/spot/000.png").toFile());
        assertThat(image.getWidth(), is(48));
        assertThat(image.getHeight(), is(48));
    }

    @Test
    void masksMarkSomePixelsAndOnlyWithFullValue(@TempDir Path dir) throws IOException {
        Path root = SMALL.writeTo(dir.resolve("set"));

        for (String mask : List.of("scratch/000", "scratch/001", "spot/000", "spot/001")) {
            BufferedImage image = ImageIO.read(root.resolve("ground_truth/" + mask + "_mask.png").toFile());
            int marked = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int value = image.getRaster().getSample(x, y, 0);
                    assertThat(mask, value, anyOf(is(0), is(255)));
                    marked += value == 255 ? 1 : 0;
                }
            }
            assertThat(mask, marked, allOf(greaterThan(0), lessThan(48 * 48 / 4)));
        }
    }

    @Test
    void theSameSeedGivesTheSameFiles(@TempDir Path dir) throws IOException {
        Path first = SMALL.writeTo(dir.resolve("a"));
        Path second = SMALL.writeTo(dir.resolve("b"));

        for (String file : files(first)) {
            assertThat(file, Files.readAllBytes(second.resolve(file)), is(Files.readAllBytes(first.resolve(file))));
        }
    }

    @Test
    void refusesToOverwrite(@TempDir Path dir) throws IOException {
        Path existing = Files.createDirectories(dir.resolve("set"));

        IOException e = assertThrows(IOException.class, () -> SMALL.writeTo(existing));
        assertThat(e.getMessage(), containsString("will not overwrite " + existing));
    }

    private static List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(file -> root.relativize(file).toString()).sorted().toList();
        }
    }
}

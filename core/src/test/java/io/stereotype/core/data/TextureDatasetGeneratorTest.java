package io.stereotype.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextureDatasetGeneratorTest {

    private static final int SIZE = 48;
    /** Tone range of normal images, widened by the 8-bit rounding of the PNG files. */
    private static final float SLACK = 0.5f / 255;

    @TempDir
    Path dir;

    private static TextureDatasetGenerator.Builder small() {
        return TextureDatasetGenerator.builder().size(SIZE).trainCount(3).testGoodCount(2).defectCount(2).seed(5);
    }

    @Test
    void writesAnMvtecLayoutWithANonEmptyMaskForEveryDefectImage() {
        Path out = dir.resolve("weave");
        small().texture("weave").build().generate(out);

        MvtecDataset dataset = MvtecDataset.open(out);
        assertTrue(dataset.hasMasks());
        assertEquals(3, dataset.trainImages().size());
        Map<String, Long> perType = dataset.testSamples().stream()
                .collect(Collectors.groupingBy(Sample::defectType, Collectors.counting()));
        assertEquals(Map.of("good", 2L, "scratch", 2L, "spot", 2L, "hole", 2L, "stain", 2L), perType);
        assertFalse(Files.exists(out.resolve("ground_truth/good")), "normal images have no masks");
        for (Sample sample : dataset.testSamples()) {
            FloatImage image = ImageFiles.read(sample.image());
            assertEquals(3, image.channels());
            if (sample.anomalous()) {
                boolean[] mask = ImageFiles.readMask(sample.mask(), SIZE, SIZE);
                int masked = 0;
                for (boolean m : mask) {
                    masked += m ? 1 : 0;
                }
                assertTrue(masked > 0, sample.mask() + " is empty");
                assertTrue(masked < SIZE * SIZE / 4, sample.mask() + " covers " + masked + " pixels");
            }
        }
        for (Path train : dataset.trainImages()) {
            for (float v : ImageFiles.read(train).data()) {
                assertTrue(v >= TextureSource.LOW - SLACK && v <= TextureSource.HIGH + SLACK, train + " has value " + v);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedOthers() throws IOException {
        small().grey(true).defects(List.of("hole", "scratch")).build().generate(dir.resolve("a"));
        small().grey(true).defects(List.of("hole", "scratch")).build().generate(dir.resolve("b"));
        small().grey(true).defects(List.of("hole", "scratch")).seed(6).build().generate(dir.resolve("c"));
        List<Path> files = files(dir.resolve("a"));
        assertEquals(files, files(dir.resolve("b")));
        assertEquals(files, files(dir.resolve("c")));
        assertEquals(3 + 2 + 2 * 2 + 2 * 2, files.size());
        boolean anyDifference = false;
        for (Path file : files) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("b").resolve(file)), file.toString());
            anyDifference |= !Arrays.equals(a, Files.readAllBytes(dir.resolve("c").resolve(file)));
        }
        assertTrue(anyDifference);
        assertEquals(1, ImageFiles.read(dir.resolve("a/train/good/000.png")).channels());
    }

    @Test
    void cropsAPhotoInsteadOfDrawingATexture() throws IOException {
        // a stand-in photo: horizontal stripes plus a vertical ramp
        int w = 80;
        int h = 60;
        float[] pixels = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixels[y * w + x] = (y % 6 < 3 ? 0.1f : 0.5f) + 0.4f * x / w;
            }
        }
        Path photo = dir.resolve("photo.png");
        ImageFiles.writePng(new FloatImage(w, h, 1, pixels), photo);
        Path out = dir.resolve("photo-set");
        small().photos(photo).build().generate(out);
        FloatImage first = ImageFiles.read(out.resolve("train/good/000.png"));
        FloatImage second = ImageFiles.read(out.resolve("train/good/001.png"));
        assertEquals(SIZE, first.width());
        assertEquals(3, first.channels(), "a grey photo is replicated to RGB unless grey(true)");
        assertFalse(Arrays.equals(first.data(), second.data()), "every image is a new random crop");
        // the photo's range (0.1 .. 0.9) is mapped onto the tone range; a crop spans the stripes
        // (0.4 * 0.6 / 0.8 = 0.3) plus 47/80 of the ramp (0.18)
        float min = 1;
        float max = 0;
        for (float v : first.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(min >= TextureSource.LOW - SLACK && max <= TextureSource.HIGH + SLACK, min + " .. " + max);
        assertTrue(max - min > 0.4f, min + " .. " + max);
    }

    @Test
    void cropsEveryPhotoOfAFolder() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        ImageFiles.writePng(flat(64, 0.2f), photos.resolve("a-dark.png"));
        ImageFiles.writePng(flat(64, 0.8f), photos.resolve("b-bright.PNG"));
        Files.writeString(photos.resolve("notes.txt"), "not a photo");
        Path out = dir.resolve("folder-set");
        small().photos(photos).grey(true).trainCount(12).build().generate(out);
        java.util.Set<Float> means = new java.util.TreeSet<>();
        for (Path image : files(out.resolve("train/good"))) {
            float[] data = ImageFiles.read(out.resolve("train/good").resolve(image)).data();
            double mean = 0;
            for (float v : data) {
                mean += v;
            }
            means.add(Math.round(mean / data.length * 10) / 10f);
        }
        assertEquals(2, means.size(), "crops of both photos (each flat photo keeps its own mean): " + means);

        Path empty = Files.createDirectories(dir.resolve("no-photos"));
        Files.writeString(empty.resolve("readme.md"), "x");
        var error = assertThrows(DatasetException.class, () -> small().photos(empty).build().generate(dir.resolve("x")));
        assertEquals("the photo folder " + empty + " has no .png, .jpg or .jpeg files", error.getMessage());
    }

    @Test
    void defectScaleGrowsTheDefectsAndIsBounded() throws IOException {
        Path small = dir.resolve("scale-1");
        Path large = dir.resolve("scale-2");
        small().defects(List.of("spot")).build().generate(small);
        small().defects(List.of("spot")).defectScale(2.0).build().generate(large);
        assertTrue(maskPixels(large) > 2.5 * maskPixels(small), maskPixels(small) + " vs " + maskPixels(large));
        var error = assertThrows(IllegalArgumentException.class, () -> small().defectScale(3));
        assertEquals("defectScale must be between 0.25 and 2.5, got 3.0", error.getMessage());
    }

    private long maskPixels(Path dataset) throws IOException {
        long count = 0;
        for (Path mask : files(dataset.resolve("ground_truth/spot"))) {
            for (boolean b : ImageFiles.readMask(dataset.resolve("ground_truth/spot").resolve(mask), SIZE, SIZE)) {
                count += b ? 1 : 0;
            }
        }
        return count;
    }

    /** A photo of one grey level but for one pixel at the other extreme (the tone stretch keeps its level). */
    private static FloatImage flat(int side, float level) {
        float[] pixels = new float[side * side];
        java.util.Arrays.fill(pixels, level);
        pixels[0] = 1 - level;
        return new FloatImage(side, side, 1, pixels);
    }

    @Test
    void aPhotoSmallerThanTheImagesIsAnErrorNamingItAndWritesNothing() {
        Path photo = dir.resolve("tiny.png");
        ImageFiles.writePng(FloatImage.zeros(20, 20, 1), photo);
        Path out = dir.resolve("never");
        var error = assertThrows(DatasetException.class, () -> small().photos(photo).build().generate(out));
        assertEquals("texture photo " + photo + " is 20x20, smaller than the 48x48 crops", error.getMessage());
        assertFalse(Files.exists(out));

        Path missing = dir.resolve("missing.png");
        var absent = assertThrows(UncheckedIOException.class, () -> small().photos(missing).build().generate(out));
        assertTrue(absent.getMessage().contains(missing.toString()), absent.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void refusesANonEmptyTargetAndLeavesItAlone() throws IOException {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("mine.txt"), "keep");
        var error = assertThrows(DatasetException.class, () -> small().build().generate(out));
        assertEquals("output folder " + out + " is not empty; refusing to overwrite it", error.getMessage());
        assertEquals(List.of(Path.of("mine.txt")), files(out));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(List.of(out), siblings.toList(), "no staging folder left behind");
        }
    }

    @Test
    void rejectsBadConfiguration() {
        var texture = assertThrows(IllegalArgumentException.class, () -> TextureDatasetGenerator.builder().texture("marble"));
        assertEquals("unknown texture 'marble', expected one of [noise, wood, weave]", texture.getMessage());
        var size = assertThrows(IllegalArgumentException.class, () -> TextureDatasetGenerator.builder().size(16));
        assertEquals("size must be at least 32, got 16", size.getMessage());
        var twice = assertThrows(IllegalArgumentException.class,
                () -> TextureDatasetGenerator.builder().defects(List.of("spot", "spot")));
        assertEquals("defect 'spot' listed twice", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextureDatasetGenerator.builder().defects(List.of()));
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}

package io.stereotype.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

    @TempDir
    Path dir;

    private static FloatImage gradient(int w, int h, int channels) {
        float[] data = new float[w * h * channels];
        for (int i = 0; i < data.length; i++) {
            data[i] = (i * 37 % 256) / 255f;
        }
        return new FloatImage(w, h, channels, data);
    }

    @Test
    void roundTripsEightBitGreyAndRgbPngsExactly() {
        for (int channels : new int[] {1, 3}) {
            FloatImage image = gradient(7, 5, channels);
            Path file = dir.resolve("nested/folder/img" + channels + ".png");
            ImageFiles.writePng(image, file);
            FloatImage read = ImageFiles.read(file);
            assertEquals(channels, read.channels());
            assertEquals(7, read.width());
            assertEquals(5, read.height());
            assertArrayEquals(image.data(), read.data(), 1e-6f);
        }
    }

    @Test
    void writingLeavesNoTemporaryFileBehind() throws IOException {
        ImageFiles.writePng(gradient(3, 3, 1), dir.resolve("a.png"));
        ImageFiles.writePng(gradient(3, 3, 3), dir.resolve("a.png"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertEquals(3, ImageFiles.read(dir.resolve("a.png")).channels());
    }

    @Test
    void clampsAndRoundsWhenWriting() {
        FloatImage image = new FloatImage(3, 1, 1, new float[] {-0.5f, 1.5f, 0.5f});
        ImageFiles.writePng(image, dir.resolve("c.png"));
        assertArrayEquals(new float[] {0, 1, 128 / 255f}, ImageFiles.read(dir.resolve("c.png")).data(), 1e-6f);
    }

    @Test
    void scalesSixteenBitGreyToUnitRange() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 65535);
        image.getRaster().setSample(1, 0, 0, 257);
        Path file = dir.resolve("deep.png");
        ImageIO.write(image, "png", file.toFile());
        FloatImage read = ImageFiles.read(file);
        assertEquals(1, read.channels());
        assertArrayEquals(new float[] {1f, 257 / 65535f}, read.data(), 1e-7f);
    }

    @Test
    void dropsAlpha() throws IOException {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x80FF8000);
        Path file = dir.resolve("alpha.png");
        ImageIO.write(image, "png", file.toFile());
        assertArrayEquals(new float[] {1f, 128 / 255f, 0f}, ImageFiles.read(file).data(), 1e-6f);
    }

    @Test
    void readsJpegAsRgb() throws IOException {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, 0x3366CC);
            }
        }
        Path file = dir.resolve("photo.jpg");
        ImageIO.write(image, "jpeg", file.toFile());
        FloatImage read = ImageFiles.read(file);
        assertEquals(3, read.channels());
        // lossy, but a flat colour survives closely
        assertEquals(0x33 / 255f, read.get(8, 8, 0), 0.03f);
        assertEquals(0xCC / 255f, read.get(8, 8, 2), 0.03f);
    }

    @Test
    void missingFileErrorNamesTheFile() {
        Path file = dir.resolve("nope.png");
        var error = assertThrows(UncheckedIOException.class, () -> ImageFiles.read(file));
        assertEquals("image file does not exist: " + file, error.getMessage());
    }

    @Test
    void emptyFileErrorNamesTheFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.png"));
        var error = assertThrows(UncheckedIOException.class, () -> ImageFiles.read(file));
        assertEquals("image file is empty (0 bytes): " + file, error.getMessage());
    }

    @Test
    void nonImageErrorNamesTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "this is text, not pixels");
        var error = assertThrows(UncheckedIOException.class, () -> ImageFiles.read(file));
        assertEquals("not a PNG or JPEG image (unknown format): " + file, error.getMessage());
    }

    @Test
    void truncatedPngAndJpegAreErrorsNamingTheFile() throws IOException {
        for (String format : new String[] {"png", "jpeg"}) {
            Path whole = dir.resolve("whole." + format);
            ImageIO.write(ImageFiles.toBufferedImage(gradient(64, 64, 3)), format, whole.toFile());
            byte[] bytes = Files.readAllBytes(whole);
            Path file = Files.write(dir.resolve("cut." + format), Arrays.copyOf(bytes, bytes.length / 2));
            var error = assertThrows(UncheckedIOException.class, () -> ImageFiles.read(file), format);
            assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        }
    }

    @Test
    void masksRoundTripAndAnyNonZeroPixelIsAnomalous() {
        boolean[] mask = {true, false, false, true, true, false};
        Path file = dir.resolve("gt/m_mask.png");
        ImageFiles.writeMask(mask, 3, 2, file);
        assertArrayEquals(mask, ImageFiles.readMask(file, 3, 2));

        Path faint = dir.resolve("faint.png");
        ImageFiles.writePng(new FloatImage(2, 1, 3, new float[] {0, 0, 1 / 255f, 0, 0, 0}), faint);
        assertArrayEquals(new boolean[] {true, false}, ImageFiles.readMask(faint, 2, 1));
    }

    @Test
    void readsOneBitMasksAsWrittenByOtherTools() throws IOException {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY);
        image.getRaster().setSample(1, 0, 0, 1);
        Path file = dir.resolve("binary_mask.png");
        ImageIO.write(image, "png", file.toFile());
        assertArrayEquals(new boolean[] {false, true, false}, ImageFiles.readMask(file, 3, 1));
    }

    @Test
    void maskOfTheWrongSizeIsAnErrorNamingTheFile() {
        Path file = dir.resolve("m_mask.png");
        ImageFiles.writeMask(new boolean[6], 3, 2, file);
        var error = assertThrows(IllegalArgumentException.class, () -> ImageFiles.readMask(file, 4, 2));
        assertEquals("mask " + file + " is 3x2 but its image is 4x2", error.getMessage());
    }
}

package io.stereotype.scorer.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.scorer.image.ImageRejectedException.Reason;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    /** A model scoring images at their own size, patch 8. */
    private static final ModelInput NATIVE = new ModelInput(0, 8, false);
    private static final ModelInput INPUT_128 = new ModelInput(128, 32, false);

    private final ImageDecoder decoder = new ImageDecoder(new ImageLimits(100_000, 10_000, 8, 20_000));

    @Test
    void decodesExactlyAsTheLibraryReadsFiles(@TempDir Path dir) throws Exception {
        byte[] png = TestImages.noise(40, 30, "png");
        Path file = Files.write(dir.resolve("noise.png"), png);

        FloatImage decoded = decode(decoder, png, "noise.png", NATIVE);

        FloatImage read = ImageFiles.read(file);
        assertEquals(40, decoded.width());
        assertEquals(30, decoded.height());
        assertEquals(3, decoded.channels());
        assertArrayEquals(read.data(), decoded.data());
    }

    @Test
    void aLargeImageIsDecodedAtTheModelsInputSizeWithThePixelsTheModelWouldUse(@TempDir Path dir) throws Exception {
        // 3 times the input side: every third pixel, the middle one, is what the bilinear shrinking samples
        byte[] png = TestImages.noise(3 * 32, 3 * 32, "png");
        ImageDecoder roomy = new ImageDecoder(new ImageLimits(1_000_000, 1_000_000, 8, 1_000_000));

        FloatImage decoded = decode(roomy, png, "large.png", new ModelInput(32, 16, false));

        assertEquals(32, decoded.width());
        assertEquals(32, decoded.height());
        FloatImage shrunk = ImageFiles.read(Files.write(dir.resolve("large.png"), png)).resize(32, 32);
        assertArrayEquals(shrunk.data(), decoded.data());
    }

    @Test
    void aWorstCase16BitImageIsDecodedWithoutAFullResolutionRaster() throws Exception {
        byte[] png = TestImages.zeroRgb16Png(4096, 4096);
        ImageDecoder roomy = new ImageDecoder(new ImageLimits(1_000_000, 2 * 4096L * 4096, 64, 1L << 40));
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        FloatImage decoded = decode(roomy, png, "zeros.png", INPUT_128);

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(128, decoded.width());
        assertEquals(128, decoded.height());
        // a full 16-bit raster alone is 100 MB, its float image 200 MB
        assertTrue(allocated < 40_000_000L, "decoding allocated " + allocated + " bytes");
    }

    @Test
    void anImageFarLargerThanTheModelNeedsIsRefusedFromItsHeader() throws Exception {
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(1_000_000, 4096L * 4096, 8, 1L << 40));

        ImageRejectedException error = assertThrows(ImageRejectedException.class,
                () -> decoder.inspect(TestImages.zeroRgb16Png(4096, 4096), "zeros.png", INPUT_128));

        assertEquals(Reason.TOO_LARGE, error.reason());
        assertEquals("zeros.png is 4096x4096 with 16-bit samples (counting twice); the limit for this model is 1048576 pixels"
                + " (8 times its input side of 128, squared): shrink the image before sending it", error.getMessage());
    }

    @Test
    void aBatchTooCostlyToDecodeIsRefused() throws Exception {
        ImageHeader header = decoder.inspect(TestImages.greyPng(100, 100), "a.png", NATIVE);

        decoder.checkBatch(List.of(header, header));
        ImageRejectedException error = assertThrows(ImageRejectedException.class, () -> decoder.checkBatch(List.of(header, header, header)));

        assertEquals(Reason.TOO_LARGE, error.reason());
        assertEquals("the batch's images have 30000 pixels together (16-bit images count twice); the limit is 20000", error.getMessage());
    }

    @Test
    void anImageSmallerThanThePatchIsUnscorableUnlessTheModelEnlargesSuchImages() throws Exception {
        for (int[] size : new int[][] {{1, 1}, {1, 128}, {128, 31}}) {
            byte[] png = TestImages.noise(size[0], size[1], "png");
            ImageRejectedException error = assertThrows(ImageRejectedException.class, () -> decoder.inspect(png, "tiny.png", INPUT_128));

            assertEquals(Reason.UNSCORABLE, error.reason());
            assertEquals("tiny.png is " + size[0] + "x" + size[1] + ", smaller than the model's patch of 32 pixels on a side;"
                    + " send an image at least 32 pixels wide and high", error.getMessage());
            FloatImage enlargedByDesign = decode(decoder, png, "tiny.png", new ModelInput(128, 32, true));
            assertEquals(size[0], enlargedByDesign.width());
        }
    }

    @Test
    void aHugeImageIsRefusedFromItsHeaderAlone() throws Exception {
        byte[] bomb = TestImages.pngClaimingSize(TestImages.noise(4, 4, "png"), 100_000, 100_000);

        ImageRejectedException error = assertThrows(ImageRejectedException.class, () -> decoder.inspect(bomb, "bomb.png", NATIVE));

        assertEquals(Reason.TOO_LARGE, error.reason());
        assertEquals("bomb.png is 100000x100000 = 10000000000 pixels; the limit is 10000", error.getMessage());
    }

    @Test
    void tooManyBytesAreRefusedBeforeDecoding() {
        ImageRejectedException error = assertThrows(ImageRejectedException.class, () -> decoder.inspect(new byte[100_001], "big.png", NATIVE));

        assertEquals(Reason.TOO_LARGE, error.reason());
        assertEquals("big.png is 100001 bytes; the limit is 100000", error.getMessage());
    }

    @Test
    void truncatedFilesAreMalformed() throws Exception {
        for (String format : new String[] {"png", "jpeg"}) {
            byte[] cut = TestImages.truncated(TestImages.noise(64, 64, format), 0.5);

            ImageRejectedException error = assertThrows(ImageRejectedException.class, () -> decode(decoder, cut, "cut." + format, NATIVE));

            assertEquals(Reason.MALFORMED, error.reason(), format);
            assertTrue(error.getMessage().contains("cut." + format) && error.getMessage().contains("corrupt or truncated"),
                    error.getMessage());
        }
    }

    @Test
    void aPngWithFlippedBytesIsRefusedNamingTheDamage() throws Exception {
        byte[] png = TestImages.noise(64, 64, "png");
        int data = TestImages.firstImageData(png);
        byte[] flipped = TestImages.flipped(png, data + 100, 4);
        // the same damage with the chunk CRC made to match: only the zlib stream can tell
        byte[] flippedCrcFixed = TestImages.withChunkCrcsFixed(flipped);

        ImageRejectedException crc = assertThrows(ImageRejectedException.class, () -> decoder.inspect(flipped, "f.png", NATIVE));
        ImageRejectedException zlib = assertThrows(ImageRejectedException.class, () -> decode(decoder, flippedCrcFixed, "g.png", NATIVE));

        assertEquals(Reason.MALFORMED, crc.reason());
        assertEquals("f.png is a corrupt or truncated PNG: CRC mismatch in chunk 'IDAT' at byte " + (data - 8), crc.getMessage());
        assertEquals(Reason.MALFORMED, zlib.reason());
        assertTrue(zlib.getMessage().startsWith("g.png is a corrupt or truncated PNG: its compressed image data is corrupt ("),
                zlib.getMessage());
    }

    @Test
    void otherImageFormatsAreUnsupportedByNameAndNonImagesMalformed() throws Exception {
        Map<String, byte[]> others = Map.of(
                "GIF", TestImages.noise(8, 8, "gif"),
                "BMP", TestImages.noise(8, 8, "bmp"),
                "TIFF", TestImages.noise(8, 8, "tiff"),
                "WebP", bytes("RIFF\u0024\0\0\0WEBPVP8 \u0018\0\0\0"),
                "ICO", new byte[] {0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0},
                "JPEG 2000", new byte[] {0, 0, 0, 0x0c, 'j', 'P', ' ', ' ', '\r', '\n', (byte) 0x87, '\n', 0, 0, 0, 0x14},
                "Netpbm (PBM/PGM/PPM/PAM)", bytes("P6\n1 1\n255\n\0\0\0"),
                "TGA", new byte[] {0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 24, 0, 1, 2, 3});
        for (Map.Entry<String, byte[]> other : others.entrySet()) {
            ImageRejectedException error = assertThrows(ImageRejectedException.class, () -> decoder.inspect(other.getValue(), "x", NATIVE));

            assertEquals(Reason.UNSUPPORTED_FORMAT, error.reason(), other.getKey());
            assertEquals("x is a " + other.getKey() + " image; send PNG or JPEG", error.getMessage());
        }
        ImageRejectedException text = assertThrows(ImageRejectedException.class, () -> decoder.inspect(bytes("hello"), "a.txt", NATIVE));
        ImageRejectedException empty = assertThrows(ImageRejectedException.class, () -> decoder.inspect(new byte[0], "empty.png", NATIVE));

        assertEquals("a.txt is not a PNG or JPEG image (unrecognised content)", text.getMessage());
        assertEquals("empty.png is empty (0 bytes)", empty.getMessage());
    }

    private static FloatImage decode(ImageDecoder decoder, byte[] bytes, String name, ModelInput model) {
        return decoder.decode(bytes, decoder.inspect(bytes, name, model), name, model);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}

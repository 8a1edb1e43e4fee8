package io.stereotype.scorer.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(new ImageLimits(100_000, 10_000));

    @Test
    void decodesExactlyAsTheLibraryReadsFiles(@TempDir Path dir) throws Exception {
        byte[] png = TestImages.noise(40, 30, "png");
        Path file = Files.write(dir.resolve("noise.png"), png);

        FloatImage decoded = decoder.decode(png, "noise.png");

        FloatImage read = ImageFiles.read(file);
        assertEquals(40, decoded.width());
        assertEquals(30, decoded.height());
        assertEquals(3, decoded.channels());
        assertArrayEquals(read.data(), decoded.data());
    }

    @Test
    void aHugeImageIsRefusedFromItsHeaderAlone() throws Exception {
        byte[] bomb = TestImages.pngClaimingSize(TestImages.noise(4, 4, "png"), 100_000, 100_000);

        ImageRejectedException error = assertThrows(ImageRejectedException.class, () -> decoder.decode(bomb, "bomb.png"));

        assertEquals(ImageRejectedException.Reason.TOO_LARGE, error.reason());
        assertEquals("bomb.png is 100000x100000 = 10000000000 pixels; the limit is 10000", error.getMessage());
    }

    @Test
    void tooManyBytesAreRefusedBeforeDecoding() {
        ImageRejectedException error = assertThrows(ImageRejectedException.class, () -> decoder.decode(new byte[100_001], "big.png"));

        assertEquals(ImageRejectedException.Reason.TOO_LARGE, error.reason());
        assertEquals("big.png is 100001 bytes; the limit is 100000", error.getMessage());
    }

    @Test
    void truncatedFilesAreMalformed() throws Exception {
        for (String format : new String[] {"png", "jpeg"}) {
            byte[] cut = TestImages.truncated(TestImages.noise(64, 64, format), 0.5);

            ImageRejectedException error = assertThrows(ImageRejectedException.class, () -> decoder.decode(cut, "cut." + format));

            assertEquals(ImageRejectedException.Reason.MALFORMED, error.reason(), format);
            assertTrue(error.getMessage().contains("cut." + format) && error.getMessage().contains("corrupt or truncated"),
                    error.getMessage());
        }
    }

    @Test
    void otherFormatsAndNonImagesAreNamed() throws Exception {
        ImageRejectedException gif = assertThrows(ImageRejectedException.class,
                () -> decoder.decode(TestImages.noise(8, 8, "gif"), "a.gif"));
        ImageRejectedException text = assertThrows(ImageRejectedException.class, () -> decoder.decode("hello".getBytes(), "a.txt"));
        ImageRejectedException empty = assertThrows(ImageRejectedException.class, () -> decoder.decode(new byte[0], "empty.png"));

        assertEquals(ImageRejectedException.Reason.UNSUPPORTED_FORMAT, gif.reason());
        assertEquals("a.gif is a gif image; send PNG or JPEG", gif.getMessage());
        assertEquals("a.txt is not a PNG or JPEG image (unrecognised content)", text.getMessage());
        assertEquals("empty.png is empty (0 bytes)", empty.getMessage());
    }
}

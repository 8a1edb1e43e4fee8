package io.stereotype.scorer.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Image files, good and bad, built in memory for tests. */
public final class TestImages {
    private TestImages() {
    }

    /** A random-noise RGB image encoded in the given ImageIO format (png, jpeg, gif). */
    public static byte[] noise(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return encode(image, format);
    }

    public static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /** An all-zero 16-bit RGB PNG: a few kilobytes that decode to 6 bytes per pixel. */
    public static byte[] zeroRgb16Png(int width, int height) throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {16, 16, 16},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        return encode(new BufferedImage(model, model.createCompatibleWritableRaster(width, height), false, null), "png");
    }

    /** An all-black 8-bit grey PNG. */
    public static byte[] greyPng(int width, int height) throws IOException {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), "png");
    }

    /** The file with the bits of {@code count} bytes from {@code offset} on inverted. */
    public static byte[] flipped(byte[] file, int offset, int count) {
        byte[] damaged = file.clone();
        for (int i = offset; i < offset + count; i++) {
            damaged[i] = (byte) ~damaged[i];
        }
        return damaged;
    }

    /** Where the first IDAT chunk's data starts in a PNG. */
    public static int firstImageData(byte[] png) {
        ByteBuffer buffer = ByteBuffer.wrap(png);
        int at = 8;
        while (!new String(png, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals("IDAT")) {
            at += 12 + buffer.getInt(at);
        }
        return at + 8;
    }

    /** Recomputes every chunk's CRC: damage inside a chunk then shows only in its content. */
    public static byte[] withChunkCrcsFixed(byte[] png) {
        byte[] fixed = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(fixed);
        int at = 8;
        while (at + 12 <= fixed.length) {
            int length = buffer.getInt(at);
            CRC32 crc = new CRC32();
            crc.update(fixed, at + 4, 4 + length);
            buffer.putInt(at + 8 + length, (int) crc.getValue());
            at += 12 + length;
        }
        return fixed;
    }

    /** The first {@code fraction} of the file, as an interrupted upload leaves it. */
    public static byte[] truncated(byte[] file, double fraction) {
        return Arrays.copyOf(file, (int) (file.length * fraction));
    }

    /**
     * The PNG with its header (IHDR) claiming another size, CRC fixed so that only the size is a lie:
     * a tiny file announcing a huge image.
     */
    public static byte[] pngClaimingSize(byte[] png, int width, int height) {
        byte[] patched = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(patched);
        // signature (8) + length (4) + "IHDR" (4), then width and height
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(patched, 12, 4 + 13);
        buffer.putInt(12 + 4 + 13, (int) crc.getValue());
        return patched;
    }
}

package io.stereotype.scorer.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Names an upload's format from its first bytes. PNG and JPEG are scored; the image formats
 * recognised here are refused with 415 by name, so that a client learns its WebP or TGA is a
 * format question and not a corrupt file. ImageIO recognises only some of them (GIF, BMP, TIFF,
 * WBMP); the others would look like "unrecognised content".
 */
enum ImageFormat {
    PNG, JPEG;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** PNG or JPEG by signature, else empty. */
    static Optional<ImageFormat> scorable(byte[] bytes) {
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        return Optional.empty();
    }

    /** The name of another image format the bytes start like, or empty. */
    static Optional<String> otherFormat(byte[] bytes) {
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return Optional.of("WebP");
        }
        if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
            return Optional.of("GIF");
        }
        if (startsWith(bytes, 0, ascii("BM")) && bytes.length >= 18 && Arrays.asList(12, 40, 52, 56, 64, 108, 124).contains(bytes[14] & 0xff)) {
            return Optional.of("BMP");
        }
        if (startsWith(bytes, 0, ascii("II*\0")) || startsWith(bytes, 0, ascii("MM\0*"))) {
            return Optional.of("TIFF");
        }
        if (startsWith(bytes, 0, new byte[] {0, 0, 0, 0x0c, 'j', 'P', ' ', ' ', '\r', '\n', (byte) 0x87, '\n'})
                || startsWith(bytes, 0, new byte[] {(byte) 0xff, 0x4f, (byte) 0xff, 0x51})) {
            return Optional.of("JPEG 2000");
        }
        if (bytes.length >= 6 && bytes[0] == 0 && bytes[1] == 0 && (bytes[2] == 1 || bytes[2] == 2) && bytes[3] == 0
                && (bytes[4] != 0 || bytes[5] != 0)) {
            return Optional.of(bytes[2] == 1 ? "ICO" : "CUR");
        }
        if (bytes.length >= 3 && bytes[0] == 'P' && bytes[1] >= '1' && bytes[1] <= '7' && Character.isWhitespace(bytes[2])) {
            return Optional.of("Netpbm (PBM/PGM/PPM/PAM)");
        }
        if (startsWith(bytes, 0, ascii("qoif"))) {
            return Optional.of("QOI");
        }
        if (startsWith(bytes, 4, ascii("ftypavif")) || startsWith(bytes, 4, ascii("ftypheic")) || startsWith(bytes, 4, ascii("ftypmif1"))) {
            return Optional.of("AVIF/HEIF");
        }
        if (isTga(bytes)) {
            return Optional.of("TGA");
        }
        return Optional.empty();
    }

    /**
     * TGA has no signature at its start: the optional footer says so, else an 18-byte header with
     * a known image type, colour-map type 0 or 1 and a usual pixel depth.
     */
    private static boolean isTga(byte[] bytes) {
        byte[] footer = ascii("TRUEVISION-XFILE.\0");
        if (bytes.length >= 26 && startsWith(bytes, bytes.length - footer.length, footer)) {
            return true;
        }
        if (bytes.length < 18) {
            return false;
        }
        int colorMapType = bytes[1] & 0xff;
        int imageType = bytes[2] & 0xff;
        int depth = bytes[16] & 0xff;
        int width = (bytes[12] & 0xff) | (bytes[13] & 0xff) << 8;
        int height = (bytes[14] & 0xff) | (bytes[15] & 0xff) << 8;
        boolean knownType = Arrays.asList(1, 2, 3, 9, 10, 11).contains(imageType);
        boolean knownDepth = Arrays.asList(8, 15, 16, 24, 32).contains(depth);
        return colorMapType <= 1 && knownType && knownDepth && width > 0 && height > 0;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return offset >= 0 && bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}

package io.stereotype.scorer.image;

import io.stereotype.scorer.image.ImageRejectedException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG's chunk structure, checked: ImageIO ignores chunk CRCs and the zlib checksum, so a file
 * with flipped bytes would be scored as if intact. {@link #scan} checks every chunk's CRC and reads
 * the header; {@link #checkImageData} inflates the image data to its end, which checks the zlib
 * stream's Adler-32. Both name the problem and where it is.
 */
final class PngFile {
    private static final int SIGNATURE_LENGTH = 8;
    private static final int INFLATE_CHUNK = 64 * 1024;

    private final byte[] bytes;
    private final String name;
    private final ImageHeader header;
    private final List<int[]> imageData;

    private PngFile(byte[] bytes, String name, ImageHeader header, List<int[]> imageData) {
        this.bytes = bytes;
        this.name = name;
        this.header = header;
        this.imageData = imageData;
    }

    /** Walks the chunks (CRC of each), from the signature to IEND. @throws ImageRejectedException when damaged */
    static PngFile scan(byte[] bytes, String name) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(SIGNATURE_LENGTH);
        ImageHeader header = null;
        List<int[]> imageData = new ArrayList<>();
        CRC32 crc = new CRC32();
        while (true) {
            int at = in.position();
            if (in.remaining() < 12) {
                throw damaged(name, "it ends at byte " + bytes.length + " without an IEND chunk (truncated?)");
            }
            long length = Integer.toUnsignedLong(in.getInt());
            String type = new String(bytes, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > in.remaining() - 8) {
                throw damaged(name, "chunk '" + printable(type) + "' at byte " + at + " claims " + length
                        + " bytes, more than the file holds (truncated?)");
            }
            crc.reset();
            crc.update(bytes, at + 4, 4 + (int) length);
            int stored = in.getInt(at + 8 + (int) length);
            if ((int) crc.getValue() != stored) {
                throw damaged(name, "CRC mismatch in chunk '" + printable(type) + "' at byte " + at);
            }
            if (header == null && !type.equals("IHDR")) {
                throw damaged(name, "the first chunk is '" + printable(type) + "', not IHDR");
            }
            switch (type) {
                case "IHDR" -> header = header(bytes, at + 8, (int) length, name);
                case "IDAT" -> imageData.add(new int[] {at + 8, (int) length});
                default -> { }
            }
            in.position(at + 12 + (int) length);
            if (type.equals("IEND")) {
                break;
            }
        }
        if (imageData.isEmpty()) {
            throw damaged(name, "it has no image data (IDAT chunk)");
        }
        return new PngFile(bytes, name, header, imageData);
    }

    ImageHeader header() {
        return header;
    }

    /** Inflates the image data to its end, discarding the output. @throws ImageRejectedException when the stream is damaged */
    void checkImageData() {
        Inflater inflater = new Inflater();
        byte[] sink = new byte[INFLATE_CHUNK];
        try {
            for (int[] chunk : imageData) {
                inflater.setInput(bytes, chunk[0], chunk[1]);
                while (!inflater.needsInput() && !inflater.finished()) {
                    if (inflater.inflate(sink) == 0 && inflater.needsDictionary()) {
                        throw damaged(name, "its image data asks for a preset zlib dictionary");
                    }
                }
                if (inflater.finished()) {
                    break;
                }
            }
            if (!inflater.finished()) {
                throw damaged(name, "its compressed image data ends early (truncated?)");
            }
        } catch (DataFormatException e) {
            // the message is zlib's: "incorrect data check" for a wrong Adler-32, "invalid distance too far back", ...
            throw damaged(name, "its compressed image data is corrupt (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static ImageHeader header(byte[] bytes, int offset, int length, String name) {
        if (length != 13) {
            throw damaged(name, "its IHDR chunk has " + length + " bytes, not 13");
        }
        ByteBuffer ihdr = ByteBuffer.wrap(bytes, offset, length);
        int width = ihdr.getInt();
        int height = ihdr.getInt();
        int bitDepth = bytes[offset + 8] & 0xff;
        int colorType = bytes[offset + 9] & 0xff;
        if (width <= 0 || height <= 0) {
            throw damaged(name, "its header gives the size " + Integer.toUnsignedString(width) + "x" + Integer.toUnsignedString(height));
        }
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            case 6 -> 4;
            default -> throw damaged(name, "its header gives the unknown colour type " + colorType);
        };
        return new ImageHeader("png", width, height, channels, bitDepth);
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "?";
    }

    private static ImageRejectedException damaged(String name, String problem) {
        return new ImageRejectedException(Reason.MALFORMED, name + " is a corrupt or truncated PNG: " + problem);
    }
}

package io.stereotype.scorer.image;

/**
 * What an image's header says, read before any pixel is decoded.
 *
 * @param bitDepth bits per sample (8 or 16 for the images that matter here)
 */
public record ImageHeader(String format, int width, int height, int channels, int bitDepth) {

    public long pixels() {
        return (long) width * height;
    }

    /**
     * What decoding costs, in pixel units: the decoder touches every pixel of the file even when it
     * keeps only some of them, and a 16-bit sample costs twice an 8-bit one.
     */
    public long decodeCost() {
        return pixels() * (bitDepth > 8 ? 2 : 1);
    }

    public String size() {
        return width + "x" + height;
    }
}

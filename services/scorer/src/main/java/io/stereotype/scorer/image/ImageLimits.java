package io.stereotype.scorer.image;

/** How big an upload may be, in bytes and in pixels. */
public record ImageLimits(long maxBytes, long maxPixels) {
    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("image limits must be positive, got " + maxBytes + " bytes, " + maxPixels + " pixels");
        }
    }
}

package io.stereotype.scorer.image;

/**
 * How much an upload may cost.
 *
 * @param maxBytes      largest file
 * @param maxPixels     largest image (width x height) whatever the model
 * @param maxScale      an image may have at most {@code maxScale} times the model's input side on
 *                      each side, 16-bit images counting twice ({@link ImageHeader#decodeCost()}):
 *                      decoding reads every pixel of the file, however few the model needs
 * @param maxBatchCost  the decode cost of all images of one batch together
 */
public record ImageLimits(long maxBytes, long maxPixels, int maxScale, long maxBatchCost) {
    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxScale <= 0 || maxBatchCost <= 0) {
            throw new IllegalArgumentException("image limits must be positive, got " + maxBytes + " bytes, " + maxPixels
                    + " pixels, scale " + maxScale + ", batch cost " + maxBatchCost);
        }
    }

    /** The decode cost one image may have for this model. */
    public long maxCost(ModelInput model) {
        if (model.imageSize() <= 0) {
            return maxPixels;
        }
        long side = (long) maxScale * model.imageSize();
        return Math.min(side * side, maxPixels);
    }
}

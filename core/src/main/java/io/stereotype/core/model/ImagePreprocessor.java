package io.stereotype.core.model;

import io.stereotype.core.image.FloatImage;

/**
 * Brings every image, in training and in scoring alike, to the network's channel count and to the
 * configured size, so that both see the same pixels.
 */
public record ImagePreprocessor(int channels, int imageSize, int patchSize, boolean resizeSmall) {

    /** @param source names the image in errors (a file name, a URI) */
    public FloatImage apply(FloatImage image, String source) {
        FloatImage out = image.channels() == channels ? image : image.toChannels(channels);
        if (imageSize > 0 && (out.width() != imageSize || out.height() != imageSize)) {
            out = out.resize(imageSize, imageSize);
        }
        int shorter = Math.min(out.width(), out.height());
        if (shorter < patchSize) {
            if (!resizeSmall) {
                throw new IllegalArgumentException("image " + source + " is " + out.width() + "x" + out.height()
                        + ", smaller than the patch size " + patchSize + " (enable resizeSmall to resize it)");
            }
            double scale = (double) patchSize / shorter;
            out = out.resize((int) Math.ceil(out.width() * scale - 1e-9), (int) Math.ceil(out.height() * scale - 1e-9));
        }
        return out;
    }
}

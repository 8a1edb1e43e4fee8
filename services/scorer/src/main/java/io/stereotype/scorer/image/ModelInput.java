package io.stereotype.scorer.image;

/**
 * What the serving model does with an image, as far as decoding cares.
 *
 * @param imageSize   the side every image is resized to before scoring, or 0 when images are scored at their own size
 * @param patchSize   the smallest side the model can score
 * @param resizeSmall whether the model enlarges images smaller than its patch by design (else they are refused)
 */
public record ModelInput(int imageSize, int patchSize, boolean resizeSmall) {

    /**
     * The step between decoded pixels along an axis of this length: the largest that still leaves at
     * least {@code imageSize} pixels, since the model shrinks the image to that size anyway. 1 when
     * the model scores images at their own size.
     */
    int subsampling(int length) {
        return imageSize > 0 ? Math.max(1, length / imageSize) : 1;
    }
}

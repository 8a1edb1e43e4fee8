package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;

/**
 * An image with a synthetic defect and its exact ground truth.
 *
 * @param image the defective image
 * @param mask  row-major, true where the defect changed the image visibly
 */
public record DefectedImage(FloatImage image, boolean[] mask) {

    public DefectedImage {
        if (mask.length != image.width() * image.height()) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, image " + image.width() + "x"
                    + image.height());
        }
    }
}

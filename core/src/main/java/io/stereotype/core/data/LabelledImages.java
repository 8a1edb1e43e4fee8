package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;

/** One split (train or test) of a classification data set: images with a class index each, read on demand. */
public interface LabelledImages {

    int size();

    /** Class index of image {@code index}, already checked to be a valid class. */
    int label(int index);

    /** Image {@code index} with values in [0,1]. */
    FloatImage image(int index);
}

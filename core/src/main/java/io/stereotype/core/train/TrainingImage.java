package io.stereotype.core.train;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.nio.file.Path;

/**
 * A normal training image that is read only when it is needed, so that a training set of any
 * number of images need not fit in memory.
 */
public interface TrainingImage {

    /** Names the image in error messages (a file path, a URI, an index). */
    String name();

    /** Decodes the image; every call reads it again. */
    FloatImage read();

    /** An image file, decoded on every {@link #read()}. */
    static TrainingImage file(Path file) {
        return new TrainingImage() {
            @Override
            public String name() {
                return file.toString();
            }

            @Override
            public FloatImage read() {
                return ImageFiles.read(file);
            }
        };
    }

    /** An image already in memory (generated or imported data). */
    static TrainingImage of(String name, FloatImage image) {
        return new TrainingImage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public FloatImage read() {
                return image;
            }
        };
    }
}

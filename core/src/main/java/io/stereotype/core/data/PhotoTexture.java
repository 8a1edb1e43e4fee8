package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.nio.file.Path;
import java.util.Random;

/** Random square crops of a texture photograph, randomly flipped and turned by multiples of 90 degrees. */
final class PhotoTexture implements TextureSource {

    private final FloatImage photo;
    private final int size;

    /**
     * @throws DatasetException naming the photo when it is smaller than a crop or has no contrast
     */
    PhotoTexture(Path file, int size, boolean grey) {
        FloatImage read = ImageFiles.read(file).toChannels(grey ? 1 : 3);
        if (read.width() < size || read.height() < size) {
            throw new DatasetException("texture photo " + file + " is " + read.width() + "x" + read.height()
                    + ", smaller than the " + size + "x" + size + " crops");
        }
        float[] values = read.data().clone();
        try {
            // one mapping for the whole photo, so crops keep their natural differences in brightness
            TextureSource.stretchToToneRange(values);
        } catch (IllegalArgumentException e) {
            throw new DatasetException("texture photo " + file + ": " + e.getMessage(), e);
        }
        this.photo = new FloatImage(read.width(), read.height(), read.channels(), values);
        this.size = size;
    }

    @Override
    public FloatImage next(Random rng) {
        FloatImage crop = photo.crop(rng.nextInt(photo.width() - size + 1), rng.nextInt(photo.height() - size + 1), size, size)
                .rotate90(rng.nextInt(4));
        return rng.nextBoolean() ? crop.flipHorizontal() : crop;
    }
}

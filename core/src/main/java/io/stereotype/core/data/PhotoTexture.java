package io.stereotype.core.data;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random square crops of texture photographs (a random photo for each crop when there are several),
 * randomly flipped and turned by multiples of 90 degrees.
 */
final class PhotoTexture implements TextureSource {

    private final List<FloatImage> photos;
    private final int size;

    /**
     * @param files PNG or JPEG photos of one texture class
     * @throws DatasetException naming a photo when it is smaller than a crop or has no contrast
     */
    PhotoTexture(List<Path> files, int size, boolean grey) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no texture photos given");
        }
        List<FloatImage> prepared = new ArrayList<>();
        for (Path file : files) {
            prepared.add(prepare(file, size, grey));
        }
        this.photos = List.copyOf(prepared);
        this.size = size;
    }

    private static FloatImage prepare(Path file, int size, boolean grey) {
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
        return new FloatImage(read.width(), read.height(), read.channels(), values);
    }

    @Override
    public FloatImage next(Random rng) {
        // one photo draws nothing, so data sets generated from a single photo stay as they were
        FloatImage photo = photos.size() == 1 ? photos.getFirst() : photos.get(rng.nextInt(photos.size()));
        FloatImage crop = photo.crop(rng.nextInt(photo.width() - size + 1), rng.nextInt(photo.height() - size + 1), size, size)
                .rotate90(rng.nextInt(4));
        return rng.nextBoolean() ? crop.flipHorizontal() : crop;
    }
}

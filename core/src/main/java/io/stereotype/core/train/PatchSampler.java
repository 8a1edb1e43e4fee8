package io.stereotype.core.train;

import io.stereotype.core.image.FloatImage;
import java.util.List;
import java.util.Random;

/** Draws random square patches from preprocessed training images into flat NHWC batches. */
public final class PatchSampler {
    /** Number of rotation classes of the self-supervised doctor pretext (0, 90, 180, 270 degrees). */
    public static final int ROTATIONS = 4;

    private final List<FloatImage> images;
    private final int patchSize;
    private final int channels;
    private final Random random;
    private final int[] classes;

    public PatchSampler(List<FloatImage> images, int patchSize, long seed) {
        this(images, null, patchSize, seed);
    }

    /** @param classes class label of each image, or null when the images have none */
    public PatchSampler(List<FloatImage> images, int[] classes, int patchSize, long seed) {
        if (classes != null && classes.length != images.size()) {
            throw new IllegalArgumentException(classes.length + " class labels for " + images.size() + " images");
        }
        this.classes = classes;
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no training images to sample patches from");
        }
        this.images = images;
        this.patchSize = patchSize;
        this.channels = images.getFirst().channels();
        this.random = new Random(seed);
    }

    public int patchValues() {
        return patchSize * patchSize * channels;
    }

    /** n random patches, unrotated. */
    public float[] sample(int n) {
        float[] batch = new float[n * patchValues()];
        for (int i = 0; i < n; i++) {
            copy(randomPatch(), batch, i);
        }
        return batch;
    }

    /** n random patches, each turned by a random multiple of 90 degrees written to {@code rotations}. */
    public float[] sampleRotated(int n, int[] rotations) {
        float[] batch = new float[n * patchValues()];
        for (int i = 0; i < n; i++) {
            rotations[i] = random.nextInt(ROTATIONS);
            copy(randomPatch().rotate90(rotations[i]), batch, i);
        }
        return batch;
    }

    /** n random patches with the class label of the image each came from written to {@code labels}. */
    public float[] sampleLabeled(int n, int[] labels) {
        if (classes == null) {
            throw new IllegalStateException("the training images have no class labels");
        }
        float[] batch = new float[n * patchValues()];
        for (int i = 0; i < n; i++) {
            int image = random.nextInt(images.size());
            labels[i] = classes[image];
            copy(randomPatch(image), batch, i);
        }
        return batch;
    }

    private FloatImage randomPatch() {
        return randomPatch(random.nextInt(images.size()));
    }

    private FloatImage randomPatch(int index) {
        FloatImage image = images.get(index);
        int x = random.nextInt(image.width() - patchSize + 1);
        int y = random.nextInt(image.height() - patchSize + 1);
        return image.crop(x, y, patchSize, patchSize);
    }

    private void copy(FloatImage patch, float[] batch, int index) {
        System.arraycopy(patch.data(), 0, batch, index * patchValues(), patchValues());
    }
}

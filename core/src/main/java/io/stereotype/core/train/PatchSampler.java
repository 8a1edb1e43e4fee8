package io.stereotype.core.train;

import io.stereotype.core.image.FloatImage;
import java.util.Random;

/**
 * Draws random square patches from the images of a pool into flat NHWC batches; after every
 * batch the pool may swap images (see {@link ImagePool}).
 */
public final class PatchSampler {
    /** Number of rotation classes of the self-supervised doctor pretext (0, 90, 180, 270 degrees). */
    public static final int ROTATIONS = 4;

    private final ImagePool pool;
    private final int patchSize;
    private final int channels;
    private final Random random;

    PatchSampler(ImagePool pool, int patchSize, long seed) {
        this.pool = pool;
        this.patchSize = patchSize;
        this.channels = pool.image(0).channels();
        this.random = new Random(seed);
    }

    public int patchValues() {
        return patchSize * patchSize * channels;
    }

    /** n random patches, unrotated. */
    public float[] sample(int n) {
        float[] batch = new float[n * patchValues()];
        for (int i = 0; i < n; i++) {
            copy(randomPatch(random.nextInt(pool.size())), batch, i);
        }
        pool.afterBatch();
        return batch;
    }

    /** n random patches, each turned by a random multiple of 90 degrees written to {@code rotations}. */
    public float[] sampleRotated(int n, int[] rotations) {
        float[] batch = new float[n * patchValues()];
        for (int i = 0; i < n; i++) {
            rotations[i] = random.nextInt(ROTATIONS);
            copy(randomPatch(random.nextInt(pool.size())).rotate90(rotations[i]), batch, i);
        }
        pool.afterBatch();
        return batch;
    }

    /** n random patches with the class label of the image each came from written to {@code labels}. */
    public float[] sampleLabeled(int n, int[] labels) {
        if (!pool.labelled()) {
            throw new IllegalStateException("the training images have no class labels");
        }
        float[] batch = new float[n * patchValues()];
        for (int i = 0; i < n; i++) {
            int slot = random.nextInt(pool.size());
            labels[i] = pool.label(slot);
            copy(randomPatch(slot), batch, i);
        }
        pool.afterBatch();
        return batch;
    }

    private FloatImage randomPatch(int slot) {
        FloatImage image = pool.image(slot);
        int x = random.nextInt(image.width() - patchSize + 1);
        int y = random.nextInt(image.height() - patchSize + 1);
        return image.crop(x, y, patchSize, patchSize);
    }

    private void copy(FloatImage patch, float[] batch, int index) {
        System.arraycopy(patch.data(), 0, batch, index * patchValues(), patchValues());
    }
}

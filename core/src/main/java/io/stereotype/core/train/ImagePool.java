package io.stereotype.core.train;

import io.stereotype.core.image.FloatImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The preprocessed training images one {@link PatchSampler} draws patches from. When the whole
 * set is resident this is simply all of it; otherwise a fixed number of slots, starting with the
 * set's resident images, of which {@code refreshPerBatch} are replaced after every batch by the
 * next images of a shuffled pass over the whole set (a shuffle buffer, as in tf.data), so memory
 * stays bounded while every image is seen and each batch still mixes many images.
 */
final class ImagePool {
    private final TrainingSet set;
    private final List<FloatImage> slots;
    private final int[] imageOfSlot;
    private final int refreshPerBatch;
    private final Random random;
    private List<Integer> pass;
    private int cursor;
    private int nextSlot;

    ImagePool(TrainingSet set, int refreshPerBatch, long seed) {
        this.set = set;
        this.slots = new ArrayList<>(set.resident());
        this.imageOfSlot = new int[slots.size()];
        for (int i = 0; i < imageOfSlot.length; i++) {
            imageOfSlot[i] = i;
        }
        boolean streaming = slots.size() < set.size();
        this.refreshPerBatch = streaming ? Math.min(slots.size(), refreshPerBatch) : 0;
        // its own generator: a resident set must draw exactly the patches it drew before streaming existed
        this.random = new Random(seed ^ 0x5DEECE66DL);
        if (streaming) {
            // the first pass continues with the images that are not resident yet
            pass = new ArrayList<>();
            for (int i = slots.size(); i < set.size(); i++) {
                pass.add(i);
            }
            Collections.shuffle(pass, random);
        }
    }

    int size() {
        return slots.size();
    }

    FloatImage image(int slot) {
        return slots.get(slot);
    }

    /** Class label of the image in a slot, or -1 when the set has none. */
    int label(int slot) {
        int[] classes = set.classes();
        return classes == null ? -1 : classes[imageOfSlot[slot]];
    }

    boolean labelled() {
        return set.classes() != null;
    }

    /** Replaces the oldest slots with the next images of the current pass. */
    void afterBatch() {
        for (int r = 0; r < refreshPerBatch; r++) {
            if (cursor == pass.size()) {
                pass = new ArrayList<>();
                for (int i = 0; i < set.size(); i++) {
                    pass.add(i);
                }
                Collections.shuffle(pass, random);
                cursor = 0;
            }
            int image = pass.get(cursor++);
            slots.set(nextSlot, set.load(image));
            imageOfSlot[nextSlot] = image;
            nextSlot = (nextSlot + 1) % slots.size();
        }
    }
}

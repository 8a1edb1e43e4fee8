package io.stereotype.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Training sets larger than their memory budget stream through the samplers' pools: memory stays
 * bounded, every image is still seen each epoch, batches mix images, and labels stay with images.
 * Each test image is flat with a value that encodes its index, so a patch tells where it came from.
 */
class StreamingTrainingSetTest {
    private static final int SIDE = 40;
    private static final int IMAGES = 101;
    private static final long IMAGE_BYTES = 4L * SIDE * SIDE;
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(0)
            .patchesPerImage(4).batchSize(16).build();

    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void aSetWithinTheBudgetIsReadOnceAndKeptWhole() {
        TrainingSet set = TrainingSet.prepare(images(), null, CONFIG, 1L << 30, TrainingListener.NONE);
        assertEquals(91, set.size(), "10% of 101 held out for calibration");
        assertEquals(set.size(), set.residentCount());
        int afterPrepare = reads.get();
        sampleEpoch(set.sampler(CONFIG, 1), set.stepsPerEpoch(CONFIG));
        assertEquals(afterPrepare, reads.get(), "sampling a resident set reads no file");
    }

    @Test
    void aSetOverTheBudgetKeepsOnlyWhatFitsAndStillSeesEveryImageEachEpoch() {
        long budget = 2 * 10 * IMAGE_BYTES; // half for resident images: 10 of 91
        TrainingSet set = TrainingSet.prepare(images(), null, CONFIG, budget, TrainingListener.NONE);
        assertEquals(10, set.residentCount());
        PatchSampler sampler = set.sampler(CONFIG, 7);
        int steps = set.stepsPerEpoch(CONFIG);
        assertEquals(23, steps, "91 images x 4 patches / 16 per batch");
        List<Set<Integer>> batches = sampleEpoch(sampler, steps);
        Set<Integer> seen = new HashSet<>();
        batches.forEach(seen::addAll);
        // the images of the last refresh are drawn from in the next epoch; all others are seen in this one
        assertTrue(seen.size() >= set.size() - (int) Math.ceil(91.0 / steps), "images seen in one epoch: " + seen.size());
        double meanDistinct = batches.stream().mapToInt(Set::size).average().orElseThrow();
        assertTrue(meanDistinct > 6, "a batch of 16 patches mixes images from the pool of 10: " + meanDistinct);
        Set<Integer> nextEpoch = new HashSet<>();
        sampleEpoch(sampler, steps).forEach(nextEpoch::addAll);
        nextEpoch.addAll(seen);
        assertEquals(IMAGES - 10, nextEpoch.size(), "two epochs cover every training image");
    }

    @Test
    void labelsTravelWithTheirImagesThroughThePool() {
        int[] classes = new int[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            classes[i] = i % 3;
        }
        TrainingSet set = TrainingSet.prepare(images(), classes, CONFIG, 2 * 5 * IMAGE_BYTES, TrainingListener.NONE);
        assertEquals(5, set.residentCount());
        PatchSampler sampler = set.sampler(CONFIG, 3);
        for (int step = 0; step < 40; step++) {
            int[] labels = new int[16];
            float[] batch = sampler.sampleLabeled(16, labels);
            for (int p = 0; p < 16; p++) {
                int image = imageOf(batch, p, sampler.patchValues());
                assertEquals(image % 3, labels[p], "label of a patch of image " + image);
            }
        }
    }

    @Test
    void validationImagesAreReadWhenUsedNotKept() {
        TrainingSet set = TrainingSet.prepare(images(), null, CONFIG, 2 * 10 * IMAGE_BYTES, TrainingListener.NONE);
        int before = reads.get();
        List<FloatImage> validation = set.validation();
        assertEquals(10, validation.size());
        assertEquals(before, reads.get(), "the list reads nothing until asked");
        assertEquals(SIDE, validation.get(3).width());
        assertEquals(before + 1, reads.get());
    }

    @Test
    void aReopenedSetReadsOnlyTheImagesItKeepsAndSplitsAsTheFirstPreparation() {
        TrainingSet first = TrainingSet.prepare(images(), null, CONFIG, 2 * 10 * IMAGE_BYTES, TrainingListener.NONE);
        int before = reads.get();
        TrainingSet reopened = TrainingSet.reopen(images(), null, CONFIG, first.normalization(), TrainingListener.NONE);
        assertEquals(reopened.residentCount(), reads.get() - before, "one read per image kept in memory, nothing else");
        assertSame(first.normalization(), reopened.normalization());
        assertEquals(first.size(), reopened.size());
        for (int i = 0; i < first.validation().size(); i++) {
            assertEquals(first.validation().get(i).get(0, 0, 0), reopened.validation().get(i).get(0, 0, 0),
                    "validation image " + i);
        }
    }

    @Test
    void preparingReadsEveryImageOnceAndReportsIt() {
        List<String> calls = new ArrayList<>();
        TrainingSet.prepare(images(), null, CONFIG, 1L << 30, new TrainingListener() {
            @Override
            public void onImageRead(int done, int total) {
                calls.add(done + "/" + total);
            }
        });
        assertEquals(IMAGES, reads.get(), "one read per image");
        assertEquals(IMAGES, calls.size());
        assertEquals("1/101", calls.getFirst());
        assertEquals("101/101", calls.getLast());
    }

    @Test
    void aColourImageAmongGreyOnesMakesTheSetColour() {
        List<TrainingImage> mixed = new ArrayList<>(images());
        mixed.add(TrainingImage.of("colour", new FloatImage(SIDE, SIDE, 3, new float[SIDE * SIDE * 3])));
        TrainingSet set = TrainingSet.prepare(mixed, null, CONFIG, 1L << 30, TrainingListener.NONE);
        assertEquals(3, set.channels());
        assertEquals(3, set.validation().getFirst().channels(), "grey images are expanded to RGB");
    }

    private List<Set<Integer>> sampleEpoch(PatchSampler sampler, int steps) {
        List<Set<Integer>> batches = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            float[] batch = sampler.sample(16);
            Set<Integer> images = new HashSet<>();
            for (int p = 0; p < 16; p++) {
                images.add(imageOf(batch, p, sampler.patchValues()));
            }
            batches.add(images);
        }
        return batches;
    }

    private static int imageOf(float[] batch, int patch, int values) {
        return Math.round(batch[patch * values] * 1000);
    }

    /** Image i is flat at i / 1000 and counts its reads. */
    private List<TrainingImage> images() {
        List<TrainingImage> images = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            float[] data = new float[SIDE * SIDE];
            Arrays.fill(data, i / 1000f);
            FloatImage image = new FloatImage(SIDE, SIDE, 1, data);
            String name = "image-" + i;
            images.add(new TrainingImage() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public FloatImage read() {
                    reads.incrementAndGet();
                    return image;
                }
            });
        }
        return images;
    }
}

package io.stereotype.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.score.GridGeometry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Dense training crops are cut where the scorer looks: from the image padded as the scorer pads it. */
class DenseCropSamplerTest {

    @Test
    void cropsAreWindowsOfTheScorersPaddedImageAndReachIntoItsBorder() {
        TrainingConfig config = TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(64).cropSize(48).cropsPerStep(1)
                .batchSize(16).sampling(Sampling.DENSE).build();
        Random random = new Random(5);
        List<TrainingImage> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            float[] pixels = new float[64 * 64];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = random.nextFloat();
            }
            images.add(TrainingImage.of("noise-" + i, new FloatImage(64, 64, 1, pixels)));
        }
        TrainingSet set = TrainingSet.prepare(images, null, config);
        GridGeometry scoring = new GridGeometry(32, config.networkSpec(1).receptiveField(), config.mapStride());
        List<FloatImage> padded = set.resident().stream().map(scoring::input).toList();
        DenseCropSampler sampler = DenseCropSampler.of(set, config, DenseStudents.grid(config, 1), 9);
        assertEquals(48, sampler.crop());
        int straddling = 0;
        for (int draw = 0; draw < 40; draw++) {
            float[] crop = sampler.next().patches();
            int[] at = locate(crop, 48, padded);
            assertTrue(at != null, "crop " + draw + " is no window of a padded training image");
            boolean inside = at[0] >= scoring.padBefore() && at[1] >= scoring.padBefore()
                    && at[0] + 48 <= scoring.padBefore() + 64 && at[1] + 48 <= scoring.padBefore() + 64;
            straddling += inside ? 0 : 1;
        }
        // the padded image is 64 + 31 + 3 = 98 pixels wide, so most 48-pixel windows reach into the padding
        assertTrue(straddling > 20, "crops reaching into the reflected border: " + straddling + " of 40");
    }

    @Test
    void aContextTeachersTargetsAreItsMapOfTheWholePaddedImageAtTheCropsCells() {
        TrainingConfig config = TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(64).cropSize(48).cropsPerStep(1)
                .batchSize(16).sampling(Sampling.DENSE).build();
        TrainingSet set = TrainingSet.prepare(noiseImages(4), null, config);
        GridGeometry scoring = new GridGeometry(32, config.networkSpec(1).receptiveField(), config.mapStride());
        List<FloatImage> padded = set.resident().stream().map(scoring::input).toList();
        DenseGrid grid = DenseStudents.grid(config, 1);
        DenseCropSampler sampler = DenseCropSampler.of(set, config, grid, 9, new PatchCornerAndImageMean(grid, true));
        assertTrue(sampler.feedsTargets());
        int cells = grid.positions(48);
        int cropMeanDiffers = 0;
        for (int draw = 0; draw < 20; draw++) {
            GraphTrainer.Batch batch = sampler.next();
            float[] crop = batch.patches();
            int[] at = locate(crop, 48, padded);
            assertTrue(at != null, "crop " + draw + " is no window of a padded training image");
            assertEquals(0, at[0] % grid.stride(), "crop column " + at[0] + " is off the grid");
            assertEquals(0, at[1] % grid.stride(), "crop row " + at[1] + " is off the grid");
            double wholeMean = mean(padded.get(at[2]).data());
            assertEquals(cells * cells * 2, batch.targets().length);
            for (int i = 0; i < cells; i++) {
                for (int j = 0; j < cells; j++) {
                    int cell = (i * cells + j) * 2;
                    assertEquals(crop[i * grid.stride() * 48 + j * grid.stride()], batch.targets()[cell], 1e-6,
                            "cell (" + i + ", " + j + ") does not describe the crop's patch there");
                    assertEquals(wholeMean, batch.targets()[cell + 1], 1e-4, "cell (" + i + ", " + j + ") did not see the whole image");
                }
            }
            cropMeanDiffers += Math.abs(mean(crop) - wholeMean) > 1e-3 ? 1 : 0;
        }
        // the crop alone would have given the crop's mean: the test tells the two apart
        assertTrue(cropMeanDiffers > 15, "crops whose mean differs from their image's: " + cropMeanDiffers);
        DenseCropSampler patchTeacher = DenseCropSampler.of(set, config, grid, 9, new PatchCornerAndImageMean(grid, false));
        assertFalse(patchTeacher.feedsTargets());
        assertNull(patchTeacher.next().targets());
    }

    /**
     * A teacher whose first value at a grid position is the pixel at its patch's top-left corner and whose
     * second is the mean of the whole input: it sees context exactly when the input is the whole image.
     */
    private record PatchCornerAndImageMean(DenseGrid grid, boolean describesContext) implements DenseTeacher {
        @Override
        public int descriptorDim() {
            return 2;
        }

        @Override
        public Optional<TeacherMaps> wholeImageMaps(TrainingSet set, GridGeometry scoring) {
            return describesContext ? TeacherMaps.compute(set, scoring, this, grid) : Optional.empty();
        }

        @Override
        public Operand<TFloat32> denseDescriptors(Ops tf, Operand<TFloat32> images) {
            long[] shape = images.shape().asArray();
            int rows = grid.positions((int) shape[1]);
            int columns = grid.positions((int) shape[2]);
            Operand<TFloat32> corners = tf.stridedSlice(images, Indices.all(), Indices.slice(0, (long) rows * grid.stride(), grid.stride()),
                    Indices.slice(0, (long) columns * grid.stride(), grid.stride()), Indices.all());
            Operand<TFloat32> mean = tf.reshape(tf.math.mean(images, tf.constant(new int[] {1, 2, 3})), tf.constant(new long[] {-1, 1, 1, 1}));
            return tf.concat(List.of(corners, tf.math.add(tf.math.mul(corners, tf.constant(0f)), mean)), tf.constant(3));
        }
    }

    private static List<TrainingImage> noiseImages(int count) {
        Random random = new Random(5);
        List<TrainingImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] pixels = new float[64 * 64];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = random.nextFloat() * (1 + i);
            }
            images.add(TrainingImage.of("noise-" + i, new FloatImage(64, 64, 1, pixels)));
        }
        return images;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** {x, y, image index} of the window of some image equal to the crop, or null. */
    private static int[] locate(float[] crop, int side, List<FloatImage> images) {
        for (int k = 0; k < images.size(); k++) {
            FloatImage image = images.get(k);
            for (int y = 0; y + side <= image.height(); y++) {
                for (int x = 0; x + side <= image.width(); x++) {
                    if (Arrays.equals(image.crop(x, y, side, side).data(), crop)) {
                        return new int[] {x, y, k};
                    }
                }
            }
        }
        return null;
    }
}

package io.stereotype.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.score.GridGeometry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

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

    /** {x, y} of the window of some image equal to the crop, or null. */
    private static int[] locate(float[] crop, int side, List<FloatImage> images) {
        for (FloatImage image : images) {
            for (int y = 0; y + side <= image.height(); y++) {
                for (int x = 0; x + side <= image.width(); x++) {
                    if (Arrays.equals(image.crop(x, y, side, side).data(), crop)) {
                        return new int[] {x, y};
                    }
                }
            }
        }
        return null;
    }
}

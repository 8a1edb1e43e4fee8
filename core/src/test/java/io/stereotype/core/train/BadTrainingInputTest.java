package io.stereotype.core.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.TreeTraining;
import io.stereotype.core.image.FloatImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to training stops with a message that names what is wrong, and exports nothing. */
class BadTrainingInputTest {
    private static final TrainingConfig SMALL = TrainingConfig.defaults().toBuilder().patchSize(32).imageSize(0)
            .epochs(1).masters(1).bachelors(1).statisticsPatches(64).build();

    @Test
    void emptyTrainingSetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSet.prepare(List.of(), null, SMALL));
        assertTrue(e.getMessage().contains("training set is empty"), e.getMessage());
    }

    @Test
    void imageSmallerThanThePatchIsRejectedWhenResizingIsOff() {
        TrainingConfig noResize = SMALL.toBuilder().resizeSmall(false).build();
        List<TrainingImage> images = List.of(TrainingImage.of("a.png", noise(64, 64, 1)),
                TrainingImage.of("tiny.png", noise(20, 40, 1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSet.prepare(images, null, noResize));
        assertTrue(e.getMessage().contains("image tiny.png is 20x40, smaller than the patch size 32"), e.getMessage());
    }

    @Test
    void smallImagesAreResizedToThePatchByDefault() {
        TrainingSet set = TrainingSet.prepare(List.of(TrainingImage.of("a", noise(28, 28, 1)),
                TrainingImage.of("b", noise(28, 28, 1))), null, SMALL);
        FloatImage validation = set.validation().getFirst();
        assertTrue(validation.width() == 32 && validation.height() == 32);
        assertTrue(set.stepsPerEpoch(SMALL) == 1, "one 32-pixel patch per image");
    }

    @Test
    void unsupportedChannelCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FloatImage(4, 4, 2, new float[32]));
        assertTrue(e.getMessage().toLowerCase().contains("channel"), e.getMessage());
        IllegalArgumentException spec = assertThrows(IllegalArgumentException.class,
                () -> io.stereotype.core.net.NetworkSpec.of(io.stereotype.core.net.NetworkVariant.PAPER, 32, 4));
        assertTrue(spec.getMessage().contains("inputChannels must be 1 or 3, got 4"), spec.getMessage());
    }

    @Test
    void invalidConfigNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SMALL.toBuilder().patchSize(48).build());
        assertTrue(e.getMessage().contains("patchSize (32 or 64) = 48"), e.getMessage());
    }

    @Test
    void divergingTrainingStopsNamingNetworkAndEpochAndExportsNothing(@TempDir Path dir) {
        TrainingConfig exploding = SMALL.toBuilder().learningRate(1e12f).epochs(3).build();
        TrainingSet set = TrainingSet.prepare(List.of(TrainingImage.of("a", noise(48, 48, 1)),
                TrainingImage.of("b", noise(48, 48, 1)), TrainingImage.of("c", noise(48, 48, 1))), null, exploding);
        Path folder = dir.resolve("doctor");
        TrainingException e = assertThrows(TrainingException.class,
                () -> TreeTraining.trainDoctor(exploding, set, null, folder, TrainingListener.NONE));
        assertTrue(e.getMessage().matches("training of doctor diverged: loss is (NaN|Infinity) at epoch \\d, step \\d+.*"),
                e.getMessage());
        assertFalse(Files.exists(folder), "nothing exported");
    }

    private static FloatImage noise(int width, int height, int channels) {
        Random random = new Random(width * 31L + height);
        float[] data = new float[width * height * channels];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return new FloatImage(width, height, channels, data);
    }
}

package io.stereotype.core.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.infer.DescriptorMap;
import io.stereotype.core.infer.DescriptorModel;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.net.PatchNetwork;
import io.stereotype.core.score.GridGeometry;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.ndarray.Shape;

/** The pretrained doctor's dense maps: the students' grid, finite, deterministic, the same through DJL. */
class BackboneDescriptorsTest {
    private static EfficientNetLite0 net;
    private static BackboneDescriptors doctor;

    @BeforeAll
    static void load() {
        net = EfficientNetLite0.load(PretrainedTestData.weights());
        doctor = new BackboneDescriptors(net, BackboneDescriptors.DEFAULT_TAPS, EfficientNetLite0.WeightFactory.CONSTANTS);
    }

    @ParameterizedTest(name = "patch {0} stride {1}")
    @CsvSource({"64,8", "64,4", "32,4", "32,2"})
    void gridIsTheStudentsGrid(int patch, int stride) {
        NetworkSpec spec = NetworkSpec.of(NetworkVariant.PAPER, patch, 3);
        FloatImage input = new GridGeometry(patch, spec.receptiveField(), stride).input(randomImage(75, 58, 3, 5));
        long[] student;
        try (GraphRunner runner = new GraphRunner(3, (tf, x) -> PatchNetwork.frozen(tf, spec, InputNormalization.identity(3),
                NetworkParameters.initial(spec, 1)).denseDescriptors(tf, x, stride))) {
            student = runner.run(input.data(), 1, input.height(), input.width(), 3).shape();
        }
        long[] pretrained = describe(input, patch, stride).shape();
        assertArrayEquals(new long[] {1, student[1], student[2], 152}, pretrained);
        assertEquals(152, doctor.descriptorDim());
    }

    @Test
    void mapsAreFiniteDeterministicAndGreyIsRepeated() {
        FloatImage grey = randomImage(90, 70, 1, 3);
        GraphRunner.Output first = describe(grey, 32, 4);
        GraphRunner.Output second = describe(grey, 32, 4);
        assertArrayEquals(first.values(), second.values());
        for (float v : first.values()) {
            assertTrue(Float.isFinite(v));
        }
        GraphRunner.Output rgb = describe(grey.toChannels(3), 32, 4);
        assertArrayEquals(rgb.shape(), first.shape());
        assertArrayEquals(rgb.values(), first.values(), 1e-5f);
    }

    /** Moving the image by 16 pixels moves the map by 16 / stride cells, and a one-cell error would show. */
    @Test
    void cellsFollowTheImage() {
        int stride = 4;
        FloatImage photo = ImageFiles.read(PretrainedTestData.photo("chelsea.png")).crop(40, 0, 300, 300);
        FloatImage shifted = photo.crop(16, 16, 284, 284);
        GraphRunner.Output map = describe(photo, 64, stride);
        GraphRunner.Output moved = describe(shifted, 64, stride);
        int shift = 16 / stride;
        double aligned = meanAbsDifference(moved, map, shift, 20, 40);
        double offByOne = meanAbsDifference(moved, map, shift + 1, 20, 40);
        System.out.println("shifted map vs map: aligned cells differ by " + aligned + ", cells one off by " + offByOne);
        assertTrue(aligned < 0.1 * offByOne, "aligned " + aligned + ", off by one cell " + offByOne);
    }

    /**
     * Moving the image by one grid step (4 pixels, a quarter of block 10's stride) moves the map by
     * one cell: the map averages the backbone over every phase of the grid against its stride-16
     * cells, so a cell's descriptor does not depend on where the image starts (the students, fully
     * convolutional at the grid's stride, can then learn it).
     */
    @Test
    void cellsFollowTheImageByOneGridStep() {
        int stride = 4;
        FloatImage photo = ImageFiles.read(PretrainedTestData.photo("chelsea.png")).crop(40, 0, 300, 300);
        FloatImage shifted = photo.crop(stride, stride, 296, 296);
        GraphRunner.Output map = describe(photo, 32, stride);
        GraphRunner.Output moved = describe(shifted, 32, stride);
        double aligned = meanAbsDifference(moved, map, 1, 20, 40);
        double offByOne = meanAbsDifference(moved, map, 2, 20, 40);
        System.out.println("map moved by one grid step vs map: aligned cells differ by " + aligned + ", cells one off by " + offByOne);
        assertTrue(aligned < 0.1 * offByOne, "aligned " + aligned + ", off by one cell " + offByOne);
        // one pass of the backbone (what patches seen alone get) aliases: the same shift changes the cells
        GraphRunner.Output single;
        GraphRunner.Output singleMoved;
        try (GraphRunner runner = new GraphRunner(3, (tf, x) -> doctor.singlePassDescriptors(tf, x, 32, stride))) {
            single = runner.run(photo.data(), 1, photo.height(), photo.width(), 3);
            singleMoved = runner.run(shifted.data(), 1, shifted.height(), shifted.width(), 3);
        }
        double singleAligned = meanAbsDifference(singleMoved, single, 1, 20, 40);
        assertTrue(singleAligned > 0.3 * meanAbsDifference(singleMoved, single, 2, 20, 40),
                "a single pass moved with the image (aligned cells differ by " + singleAligned + "): then averaging would be needless");
    }

    @Test
    void exportedModelGivesTheSameMapThroughDjl(@TempDir Path dir) {
        int patch = 64;
        int stride = 4;
        FloatImage input = randomImage(97, 83, 3, 9);
        Path model = dir.resolve("pretrained-doctor");
        PretrainedDoctorModel.export(net, BackboneDescriptors.DEFAULT_TAPS, 3, patch, stride, false, model);
        DescriptorMap djl;
        try (DescriptorModel loaded = DescriptorModel.load(model, "pretrained-doctor")) {
            djl = loaded.describe(input);
        }
        GraphRunner.Output tf = describe(input, patch, stride);
        int field = NetworkSpec.of(NetworkVariant.PAPER, patch, 3).receptiveField();
        assertEquals((input.width() - field) / stride + 1, djl.width());
        assertEquals((input.height() - field) / stride + 1, djl.height());
        assertArrayEquals(new long[] {1, djl.height(), djl.width(), djl.dim()}, tf.shape());
        assertArrayEquals(tf.values(), djl.values(), 1e-4f);
    }

    /**
     * Images of exactly one patch (MNIST-like sets) are described as patches seen alone: in training,
     * where the crop's size is static, and by a model exported for such images; shifted, mirror-padded
     * windows would only blur them.
     */
    @Test
    void aOnePatchImageIsDescribedInOnePass(@TempDir Path dir) {
        int patch = 32;
        int stride = 4;
        FloatImage digit = randomImage(patch, patch, 3, 4);
        GraphRunner.Output single;
        try (GraphRunner runner = new GraphRunner(3, (tf, x) -> doctor.singlePassDescriptors(tf, x, patch, stride))) {
            single = runner.run(digit.data(), 1, patch, patch, 3);
        }
        GraphRunner.Output training;
        try (GraphRunner runner = new GraphRunner(Shape.of(-1, patch, patch, 3), (tf, x) -> doctor.denseDescriptors(tf, x, patch, stride))) {
            training = runner.run(digit.data(), 1, patch, patch, 3);
        }
        assertArrayEquals(single.values(), training.values(), 1e-5f);
        // an input of unknown size is phase-averaged, which changes a one-patch image's descriptor
        GraphRunner.Output averaged = describe(digit, patch, stride);
        assertArrayEquals(single.shape(), averaged.shape());
        double difference = 0;
        for (int i = 0; i < single.values().length; i++) {
            difference += Math.abs(single.values()[i] - averaged.values()[i]) / single.values().length;
        }
        assertTrue(difference > 0.05, "phase averaging changed a one-patch descriptor by only " + difference);
        Path model = dir.resolve("one-patch-doctor");
        PretrainedDoctorModel.export(net, BackboneDescriptors.DEFAULT_TAPS, 3, patch, stride, true, model);
        try (DescriptorModel loaded = DescriptorModel.load(model, "one-patch-doctor")) {
            assertArrayEquals(single.values(), loaded.describe(digit).values(), 1e-4f);
        }
    }

    private static double meanAbsDifference(GraphRunner.Output moved, GraphRunner.Output map, int shift, int from, int to) {
        int w1 = (int) moved.shape()[2];
        int w2 = (int) map.shape()[2];
        int d = (int) map.shape()[3];
        double sum = 0;
        int n = 0;
        for (int y = from; y < to; y++) {
            for (int x = from; x < to; x++) {
                for (int k = 0; k < d; k++) {
                    sum += Math.abs(moved.values()[(y * w1 + x) * d + k] - map.values()[((y + shift) * w2 + x + shift) * d + k]);
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static GraphRunner.Output describe(FloatImage image, int patch, int stride) {
        try (GraphRunner runner = new GraphRunner(image.channels(), (tf, x) -> doctor.denseDescriptors(tf, x, patch, stride))) {
            return runner.run(image.data(), 1, image.height(), image.width(), image.channels());
        }
    }

    private static FloatImage randomImage(int width, int height, int channels, long seed) {
        Random random = new Random(seed);
        float[] data = new float[width * height * channels];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return new FloatImage(width, height, channels, data);
    }
}

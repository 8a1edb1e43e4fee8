package io.stereotype.core.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.train.PatchDescriber;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dense map of an exported network at (i, j) equals the descriptor of the patch cropped at (i*s, j*s). */
class DenseEquivalenceTest {

    @ParameterizedTest(name = "{0} patch {1} stride {2}")
    @CsvSource({"PAPER,64,8", "PAPER,64,4", "PAPER,64,1", "PAPER,32,4", "PAPER,32,2", "WIDE,32,4"})
    void denseMapMatchesPatchByPatch(NetworkVariant variant, int patch, int stride, @TempDir Path dir) {
        NetworkSpec spec = NetworkSpec.of(variant, patch, 3);
        NetworkParameters params = NetworkParameters.initial(spec, 7);
        InputNormalization norm = new InputNormalization(new float[] {0.4f, 0.5f, 0.6f}, new float[] {0.2f, 0.25f, 0.3f});
        FloatImage image = randomImage(patch + 21, patch + 13, 3, 11);
        Path model = dir.resolve("net");
        SavedModels.export(spec, norm, params, stride, model);
        DescriptorMap map;
        try (DescriptorModel djl = DescriptorModel.load(model, "net")) {
            map = djl.describe(image);
        }
        assertEquals(spec.descriptorDim(), map.dim());
        // the grid reaches every position whose receptive field fits, a little beyond whole patches
        assertEquals((image.width() - spec.receptiveField()) / stride + 1, map.width(), "grid width");
        assertEquals((image.height() - spec.receptiveField()) / stride + 1, map.height(), "grid height");
        double maxDiff = 0;
        try (PatchDescriber describer = new PatchDescriber(spec, norm, params)) {
            for (int y = 0; y <= (image.height() - patch) / stride; y++) {
                for (int x = 0; x <= (image.width() - patch) / stride; x++) {
                    float[] d = describer.describe(image.crop(x * stride, y * stride, patch, patch).data(), 1);
                    for (int k = 0; k < d.length; k++) {
                        maxDiff = Math.max(maxDiff, Math.abs(d[k] - map.values()[map.offset(x, y) + k]));
                    }
                }
            }
        }
        assertTrue(maxDiff < 1e-4, "max abs difference " + maxDiff);
    }

    static FloatImage randomImage(int width, int height, int channels, long seed) {
        Random random = new Random(seed);
        float[] data = new float[width * height * channels];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return new FloatImage(width, height, channels, data);
    }
}

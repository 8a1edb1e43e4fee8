package io.stereotype.core.pretrained;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The graph with the ported weights reproduces ImageNet predictions on two skimage photographs. */
class ImageNetClassificationTest {
    private static EfficientNetLite0 net;

    @BeforeAll
    static void load() {
        net = EfficientNetLite0.load(PretrainedTestData.weights());
    }

    @Test
    void chelseaIsACat() {
        int[] top5 = top5("chelsea.png");
        assertTrue(IntStream.of(top5).anyMatch(c -> c >= 281 && c <= 285), "top 5 " + Arrays.toString(top5));
    }

    @Test
    void coffeeIsACupOrEspresso() {
        int[] top5 = top5("coffee.png");
        assertTrue(IntStream.of(top5).anyMatch(c -> c == 504 || c == 967 || c == 968), "top 5 " + Arrays.toString(top5));
    }

    /** ImageNet evaluation crop: the centre 87.5% of the shorter side, resized to 224x224. */
    static FloatImage evaluationCrop(FloatImage image) {
        int side = (int) Math.round(Math.min(image.width(), image.height()) * 0.875);
        return image.crop((image.width() - side) / 2, (image.height() - side) / 2, side, side).resize(224, 224);
    }

    private static int[] top5(String photo) {
        FloatImage image = evaluationCrop(ImageFiles.read(PretrainedTestData.photo(photo)));
        float[] logits;
        try (GraphRunner runner = new GraphRunner(3, (tf, x) ->
                net.logits(tf, net.normalize(tf, x, 3), EfficientNetLite0.WeightFactory.CONSTANTS))) {
            logits = runner.run(image.data(), 1, 224, 224, 3).values();
        }
        int[] top5 = IntStream.range(0, logits.length).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -logits[c])).limit(5).mapToInt(Integer::intValue).toArray();
        System.out.println(photo + " top 5 " + Arrays.toString(top5) + " logits "
                + Arrays.toString(IntStream.of(top5).mapToDouble(c -> logits[c]).toArray()));
        return top5;
    }
}

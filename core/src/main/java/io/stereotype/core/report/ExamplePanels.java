package io.stereotype.core.report;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.image.Heatmaps;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.model.BiasTerm;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the panels of the paper's Figure 5 for kept examples: the input, its ground truth, the
 * total anomaly map over the input and the three per-term maps. Each kind of map uses one colour
 * range over all examples, so colours compare across rows (a normal image looks cool next to an
 * anomaly). Inputs and masks are read again from their files, at the kept maps' size.
 */
final class ExamplePanels {

    private static final float OVERLAY_ALPHA = 0.5f;

    /** A colour range of one kind of map. */
    record Range(float min, float max) {

        static Range over(List<FloatMap> maps) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (FloatMap map : maps) {
                for (float v : map.values()) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            // Heatmaps needs min < max; a flat map is drawn at the low end
            return max > min ? new Range(min, max) : new Range(min, min + 1);
        }
    }

    /** One row of the figure; {@code truth} is null for image-level-only data. */
    record Panels(BufferedImage input, BufferedImage truth, BufferedImage overlay, Map<String, BufferedImage> terms) {
    }

    private final Range total;
    private final Map<String, Range> terms;

    private ExamplePanels(Range total, Map<String, Range> terms) {
        this.total = total;
        this.terms = terms;
    }

    static ExamplePanels scaledFor(List<Example> examples) {
        Map<String, Range> terms = new LinkedHashMap<>();
        for (BiasTerm term : BiasTerm.values()) {
            terms.put(term.key(), Range.over(examples.stream().map(e -> e.terms().get(term.key())).toList()));
        }
        return new ExamplePanels(Range.over(examples.stream().map(Example::map).toList()), terms);
    }

    Range total() {
        return total;
    }

    Range term(String name) {
        return terms.get(name);
    }

    Panels render(Example example, boolean withTruth) {
        FloatImage original = ImageFiles.read(example.sample().image());
        int width = example.map().width();
        int height = example.map().height();
        FloatImage input = original.resize(width, height);
        Map<String, BufferedImage> termPanels = new LinkedHashMap<>();
        terms.forEach((name, range) -> termPanels.put(name, Heatmaps.colorize(example.terms().get(name), range.min(), range.max())));
        return new Panels(ImageFiles.toBufferedImage(input), withTruth ? truth(example, original, width, height) : null,
                Heatmaps.overlay(input, example.map(), total.min(), total.max(), OVERLAY_ALPHA), termPanels);
    }

    /** The mask in white on black; a normal image (no mask) is all black. */
    private static BufferedImage truth(Example example, FloatImage original, int width, int height) {
        boolean[] mask = example.sample().mask() == null
                ? new boolean[original.width() * original.height()]
                : ImageFiles.readMask(example.sample().mask(), original.width(), original.height());
        float[] values = new float[mask.length];
        for (int p = 0; p < mask.length; p++) {
            values[p] = mask[p] ? 1f : 0f;
        }
        return ImageFiles.toBufferedImage(new FloatImage(original.width(), original.height(), 1, values).resize(width, height));
    }
}

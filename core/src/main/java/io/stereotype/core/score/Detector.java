package io.stereotype.core.score;

import io.stereotype.core.model.ScoreCalibration;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.model.BiasTerm;
import java.util.LinkedHashMap;
import java.util.Map;

/** Scores images with a loaded model bundle. Thread-safe. */
public final class Detector implements AutoCloseable {
    private final TreeScorer scorer;
    private final ScoreCalibration calibration;
    private final double smoothingSigma;
    private final ModelBundle bundle;

    private Detector(ModelBundle bundle, TreeScorer scorer) {
        this.bundle = bundle;
        this.scorer = scorer;
        this.calibration = bundle.calibration();
        this.smoothingSigma = bundle.model().scoring().smoothingSigma();
    }

    public static Detector load(ModelBundle bundle) {
        return new Detector(bundle, new TreeScorer(bundle.model(), bundle.channels(), bundle.networks()));
    }

    /** Scores an image with its per-term maps (Figure 5). @param source names the image in errors */
    public AnomalyResult score(FloatImage image, String source) {
        return score(image, source, true);
    }

    /**
     * @param source   names the image in errors
     * @param termMaps also build the three per-term maps (skip for plain scoring: it saves time)
     */
    public AnomalyResult score(FloatImage image, String source, boolean termMaps) {
        FloatImage input = scorer.preprocessor().apply(image, source);
        BiasTerms terms = scorer.terms(input);
        FloatMap total = toImage(terms.total(calibration), terms, input, image);
        Map<String, FloatMap> termMapsByName = new LinkedHashMap<>();
        for (BiasTerm term : termMaps ? BiasTerm.values() : new BiasTerm[0]) {
            termMapsByName.put(term.key(), toImage(terms.calibrated(term, calibration), terms, input, image));
        }
        double score = total.max();
        return new AnomalyResult(score, score > calibration.threshold(), calibration.threshold(), total, termMapsByName);
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** Grid to smoothed pixels of the network input, then to the caller's image size. */
    private FloatMap toImage(float[] grid, BiasTerms terms, FloatImage input, FloatImage original) {
        FloatMap map = scorer.pixelMap(grid, terms, input, smoothingSigma);
        boolean resized = input.width() != original.width() || input.height() != original.height();
        return resized ? map.resizeBilinear(original.width(), original.height()) : map;
    }

    @Override
    public void close() {
        scorer.close();
    }
}

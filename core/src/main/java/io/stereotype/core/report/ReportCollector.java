package io.stereotype.core.report;

import io.stereotype.core.data.Sample;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.core.model.BiasTerm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Collects what the evaluation report needs while the {@code Evaluator} runs (pass it as the
 * progress callback): every image's maximum of each bias-term map, and the maps of only a few
 * images for the figure: the highest-scoring anomalies (best cases), the lowest-scoring
 * anomalies and the highest-scoring normal images (worst cases). Kept maps are shrunk to at most
 * {@link #THUMBNAIL_SIDE} pixels a side, so memory does not grow with the test set or image size.
 * Thread-safe.
 */
public final class ReportCollector implements BiConsumer<Sample, AnomalyResult> {

    /** Longest side of the kept maps, in pixels: enough for a figure cell, small for any image size. */
    public static final int THUMBNAIL_SIDE = 256;
    public static final int DEFAULT_EXAMPLES_PER_GROUP = 3;

    private final BoundedSelection<Example> topAnomalies;
    private final BoundedSelection<Example> weakestAnomalies;
    private final BoundedSelection<Example> topNormals;
    private final List<double[]> normalMaxima = new ArrayList<>();
    private final List<double[]> anomalousMaxima = new ArrayList<>();

    public ReportCollector() {
        this(DEFAULT_EXAMPLES_PER_GROUP);
    }

    /** @param examplesPerGroup images kept for each of the three groups of the figure (0 = no figure) */
    public ReportCollector(int examplesPerGroup) {
        topAnomalies = new BoundedSelection<>(examplesPerGroup, true);
        weakestAnomalies = new BoundedSelection<>(examplesPerGroup, false);
        topNormals = new BoundedSelection<>(examplesPerGroup, true);
    }

    /** @throws IllegalArgumentException naming the image when its result lacks a bias-term map */
    @Override
    public synchronized void accept(Sample sample, AnomalyResult result) {
        double[] maxima = new double[BiasTerm.values().length];
        for (BiasTerm t : BiasTerm.values()) {
            maxima[t.ordinal()] = term(sample, result, t.key()).max();
        }
        (sample.anomalous() ? anomalousMaxima : normalMaxima).add(maxima);
        if (sample.anomalous()) {
            topAnomalies.offer(result.score(), () -> shrink(sample, result));
            weakestAnomalies.offer(result.score(), () -> shrink(sample, result));
        } else {
            topNormals.offer(result.score(), () -> shrink(sample, result));
        }
    }

    private static FloatMap term(Sample sample, AnomalyResult result, String name) {
        FloatMap map = result.terms() == null ? null : result.terms().get(name);
        if (map == null) {
            throw new IllegalArgumentException("anomaly result of " + sample.image() + " has no '" + name
                    + "' term map (terms: " + (result.terms() == null ? "none" : result.terms().keySet()) + ")");
        }
        return map;
    }

    private static Example shrink(Sample sample, AnomalyResult result) {
        Map<String, FloatMap> terms = new LinkedHashMap<>();
        for (BiasTerm term : BiasTerm.values()) {
            terms.put(term.key(), thumbnail(term(sample, result, term.key())));
        }
        return new Example(sample, result.score(), result.anomalous(), thumbnail(result.map()), terms);
    }

    private static FloatMap thumbnail(FloatMap map) {
        int side = Math.max(map.width(), map.height());
        if (side <= THUMBNAIL_SIDE) {
            return map;
        }
        double scale = (double) THUMBNAIL_SIDE / side;
        return map.resizeBilinear(Math.max(1, (int) Math.round(map.width() * scale)),
                Math.max(1, (int) Math.round(map.height() * scale)));
    }

    /** Number of images seen. */
    public synchronized int images() {
        return normalMaxima.size() + anomalousMaxima.size();
    }

    /** Statistics of each term, in {@link BiasTerm} order. */
    public synchronized List<BiasTermStatistics> biasTerms() {
        List<BiasTermStatistics> statistics = new ArrayList<>();
        for (BiasTerm t : BiasTerm.values()) {
            statistics.add(new BiasTermStatistics(t.key(),
                    BiasTermStatistics.Summary.of(column(normalMaxima, t.ordinal())),
                    BiasTermStatistics.Summary.of(column(anomalousMaxima, t.ordinal()))));
        }
        return statistics;
    }

    private static double[] column(List<double[]> rows, int t) {
        return rows.stream().mapToDouble(row -> row[t]).toArray();
    }

    /**
     * The kept images, best cases first; an image that qualifies for several groups (small test
     * sets) is shown only in the first. Empty groups are left out.
     */
    public synchronized List<ExampleGroup> examples() {
        Set<Sample> shown = new LinkedHashSet<>();
        List<ExampleGroup> groups = new ArrayList<>();
        addGroup(groups, shown, "Best detections", "Anomalous test images with the highest scores.", topAnomalies);
        addGroup(groups, shown, "Weakest anomalies", "Anomalous test images with the lowest scores: the hardest to detect.",
                weakestAnomalies);
        addGroup(groups, shown, "Most suspicious normal images",
                "Normal test images with the highest scores: the likeliest false alarms.", topNormals);
        return groups;
    }

    private static void addGroup(List<ExampleGroup> groups, Set<Sample> shown, String title, String description,
                                 BoundedSelection<Example> selection) {
        List<Example> examples = selection.ranked().stream().filter(e -> shown.add(e.sample())).toList();
        if (!examples.isEmpty()) {
            groups.add(new ExampleGroup(title, description, examples));
        }
    }
}

package io.stereotype.core;

import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.Sample;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.core.metrics.MetricsCalculator;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.core.score.Detector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Scores every test image of a data set and computes image and pixel metrics. */
public final class Evaluator {
    private Evaluator() {
    }

    /** @param progress told (sample, result) after each image, e.g. to save maps or log progress */
    public static Evaluation evaluate(Detector detector, MvtecDataset dataset, BiConsumer<Sample, AnomalyResult> progress) {
        long start = System.nanoTime();
        List<Sample> samples = dataset.testSamples();
        boolean masks = dataset.hasMasks();
        double[] scores = new double[samples.size()];
        boolean[] labels = new boolean[samples.size()];
        List<float[]> maps = masks ? new ArrayList<>() : null;
        List<boolean[]> truth = masks ? new ArrayList<>() : null;
        List<int[]> sizes = masks ? new ArrayList<>() : null;
        List<Evaluation.ScoredSample> scored = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            FloatImage image = ImageFiles.read(sample.image());
            AnomalyResult result = detector.score(image, sample.image().toString());
            scores[i] = result.score();
            labels[i] = sample.anomalous();
            if (masks) {
                maps.add(result.map().values());
                truth.add(sample.mask() == null ? new boolean[image.width() * image.height()]
                        : ImageFiles.readMask(sample.mask(), image.width(), image.height()));
                sizes.add(new int[] {image.width(), image.height()});
            }
            scored.add(new Evaluation.ScoredSample(sample.image().toString(), sample.defectType(), result.score(),
                    result.anomalous()));
            progress.accept(sample, result);
        }
        Metrics overall = MetricsCalculator.compute(scores, labels, maps, truth, sizes);
        return new Evaluation(overall, perDefect(samples, scores, labels, maps, truth, sizes), scored,
                (System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Metrics> perDefect(List<Sample> samples, double[] scores, boolean[] labels,
                                                  List<float[]> maps, List<boolean[]> truth, List<int[]> sizes) {
        Map<String, Metrics> result = new LinkedHashMap<>();
        List<String> defects = samples.stream().filter(Sample::anomalous).map(Sample::defectType).distinct().toList();
        for (String defect : defects) {
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                if (!samples.get(i).anomalous() || samples.get(i).defectType().equals(defect)) {
                    chosen.add(i);
                }
            }
            double[] s = chosen.stream().mapToDouble(i -> scores[i]).toArray();
            boolean[] l = new boolean[chosen.size()];
            for (int k = 0; k < l.length; k++) {
                l[k] = labels[chosen.get(k)];
            }
            result.put(defect, MetricsCalculator.compute(s, l, pick(maps, chosen), pick(truth, chosen), pick(sizes, chosen)));
        }
        return result;
    }

    private static <T> List<T> pick(List<T> list, List<Integer> indices) {
        return list == null ? null : indices.stream().map(list::get).toList();
    }
}

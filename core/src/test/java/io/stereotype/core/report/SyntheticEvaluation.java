package io.stereotype.core.report;

import io.stereotype.core.Evaluation;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.data.Sample;
import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.core.metrics.MetricsCalculator;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.core.model.ScoreCalibration;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.io.Folders;
import io.stereotype.core.io.Json;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.model.NetworkId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic evaluation without training: texture test images with synthetic defects (written
 * by {@link TextureDatasetGenerator}) and anomaly results made from their masks plus noise, with
 * some weak anomalies and some normal images with a spurious blob, so that the report has both
 * good and bad cases. Metrics are computed as the Evaluator does.
 */
final class SyntheticEvaluation {

    static final double THRESHOLD = 1.6;
    static final double SECONDS = 12.5;

    final List<Sample> samples = new ArrayList<>();
    final List<AnomalyResult> results = new ArrayList<>();
    final Evaluation evaluation;
    final ModelBundle bundle;

    /**
     * @param pixelLevel false reads the same images as image-level-only data (no masks)
     */
    SyntheticEvaluation(Path dir, int size, int good, int perDefect, boolean pixelLevel) {
        this(dir, size, good, perDefect, pixelLevel, Map.of());
    }

    /** @param networkJson the network.json written into each named network's folder (the others stay empty) */
    SyntheticEvaluation(Path dir, int size, int good, int perDefect, boolean pixelLevel, Map<NetworkId, ?> networkJson) {
        Path data = dir.resolve("data");
        TextureDatasetGenerator.builder().size(size).trainCount(1).testGoodCount(good).defectCount(perDefect)
                .defects(List.of("scratch", "spot")).seed(3).build().generate(data);
        Random random = new Random(11);
        for (Sample sample : MvtecDataset.open(data).testSamples()) {
            samples.add(pixelLevel ? sample : new Sample(sample.image(), sample.defectType(), null));
            results.add(result(sample, size, random));
        }
        evaluation = evaluate(pixelLevel);
        bundle = bundle(dir.resolve("bundle"), networkJson);
    }

    ReportCollector collect(int examplesPerGroup) {
        ReportCollector collector = new ReportCollector(examplesPerGroup);
        for (int i = 0; i < samples.size(); i++) {
            collector.accept(samples.get(i), results.get(i));
        }
        return collector;
    }

    /** Terms of different strength over the blurred mask (the truth) plus smooth noise; a few cases are made hard. */
    private static AnomalyResult result(Sample sample, int size, Random random) {
        boolean[] truth = sample.mask() == null ? new boolean[size * size] : ImageFiles.readMask(sample.mask(), size, size);
        float[] signal = new float[size * size];
        for (int p = 0; p < signal.length; p++) {
            signal[p] = truth[p] ? 1f : 0f;
        }
        double strength = sample.anomalous() ? (random.nextDouble() < 0.25 ? 0.4 : 1.5 + random.nextDouble()) : 0;
        if (!sample.anomalous() && random.nextDouble() < 0.3) {
            int cx = random.nextInt(size);
            int cy = random.nextInt(size);
            for (int y = Math.max(0, cy - size / 10); y < Math.min(size, cy + size / 10); y++) {
                for (int x = Math.max(0, cx - size / 10); x < Math.min(size, cx + size / 10); x++) {
                    signal[y * size + x] = 1f;
                }
            }
            strength = 1.2;
        }
        FloatMap blob = new FloatMap(size, size, signal).gaussianBlur(size / 32.0 + 1);
        float peak = Math.max(blob.max(), 1e-6f);
        double[] shares = {0.45, 0.35, 0.2};
        Map<String, FloatMap> terms = new LinkedHashMap<>();
        float[] total = new float[size * size];
        String[] names = {"inference", "delivery", "peer"};
        for (int t = 0; t < 3; t++) {
            float[] noise = new float[size * size];
            for (int p = 0; p < noise.length; p++) {
                noise[p] = (float) (random.nextGaussian() * 0.6);
            }
            float[] smooth = new FloatMap(size, size, noise).gaussianBlur(2).values();
            float[] term = new float[size * size];
            for (int p = 0; p < term.length; p++) {
                term[p] = (float) (shares[t] * strength * blob.values()[p] / peak * 3) + smooth[p] * 0.5f + 0.2f;
                total[p] += term[p];
            }
            terms.put(names[t], new FloatMap(size, size, term));
        }
        FloatMap map = new FloatMap(size, size, total);
        double score = map.max();
        return new AnomalyResult(score, score > THRESHOLD, THRESHOLD, map, terms);
    }

    private Evaluation evaluate(boolean pixelLevel) {
        List<Evaluation.ScoredSample> scored = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            scored.add(new Evaluation.ScoredSample(samples.get(i).image().toString(), samples.get(i).defectType(),
                    results.get(i).score(), results.get(i).anomalous()));
        }
        Map<String, Metrics> perDefect = new LinkedHashMap<>();
        for (String defect : List.of("scratch", "spot")) {
            perDefect.put(defect, metrics(i -> !samples.get(i).anomalous() || samples.get(i).defectType().equals(defect), pixelLevel));
        }
        return new Evaluation(metrics(i -> true, pixelLevel), perDefect, scored, SECONDS);
    }

    private Metrics metrics(java.util.function.IntPredicate chosen, boolean pixelLevel) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (chosen.test(i)) {
                indices.add(i);
            }
        }
        double[] scores = indices.stream().mapToDouble(i -> results.get(i).score()).toArray();
        boolean[] labels = new boolean[indices.size()];
        List<float[]> maps = new ArrayList<>();
        List<boolean[]> masks = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        for (int k = 0; k < indices.size(); k++) {
            Sample sample = samples.get(indices.get(k));
            FloatMap map = results.get(indices.get(k)).map();
            labels[k] = sample.anomalous();
            maps.add(map.values());
            masks.add(sample.mask() == null ? new boolean[map.values().length]
                    : ImageFiles.readMask(sample.mask(), map.width(), map.height()));
            sizes.add(new int[] {map.width(), map.height()});
        }
        return pixelLevel ? MetricsCalculator.compute(scores, labels, maps, masks, sizes)
                : MetricsCalculator.compute(scores, labels, null, null, null);
    }

    /**
     * A bundle whose networks are folders without weights (reports read the description, calibration
     * and network.json files, not the weights), empty unless {@code networkJson} has theirs.
     */
    private static ModelBundle bundle(Path dir, Map<NetworkId, ?> networkJson) {
        ModelDescription model = TrainingConfig.defaults().model(DoctorKind.PRETEXT);
        try {
            Path empty = Files.createTempDirectory("empty-networks");
            Map<NetworkId, Path> networks = new LinkedHashMap<>();
            for (NetworkId id : model.tree().networks()) {
                networks.put(id, Files.createDirectories(empty.resolve(id.name())));
                if (networkJson.containsKey(id)) {
                    Json.write(networks.get(id).resolve(NetworkFolder.DESCRIPTION), networkJson.get(id));
                }
            }
            ModelBundle.write(dir, model, 3, networks,
                    new ScoreCalibration(true, new double[] {0.1, 0.2, 0.3}, new double[] {1, 1, 1}, THRESHOLD));
            Folders.deleteRecursively(empty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ModelBundle.open(dir);
    }
}

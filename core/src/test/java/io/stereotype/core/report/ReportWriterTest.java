package io.stereotype.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.bundle.Manifest;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.io.Folders;
import io.stereotype.core.io.Json;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final Set<String> METRIC_KEYS = Set.of("image_auroc", "pixel_auroc", "aupro", "f1_max", "threshold");

    @TempDir
    Path dir;

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void assertMetrics(Metrics expected, JsonNode node) {
        assertTrue(keys(node).containsAll(METRIC_KEYS), keys(node).toString());
        assertEquals(expected.imageAuroc(), node.get("image_auroc").doubleValue());
        assertEquals(expected.f1Max(), node.get("f1_max").doubleValue());
        assertEquals(expected.threshold(), node.get("threshold").doubleValue());
        if (expected.pixelAuroc() == null) {
            assertTrue(node.get("pixel_auroc").isNull());
            assertTrue(node.get("aupro").isNull());
        } else {
            assertEquals(expected.pixelAuroc(), node.get("pixel_auroc").doubleValue());
            assertEquals(expected.aupro(), node.get("aupro").doubleValue());
        }
    }

    @Test
    void jsonHasTheFixedKeysAndTheEvaluationsNumbers() throws IOException {
        SyntheticEvaluation synthetic = new SyntheticEvaluation(dir, 32, 4, 3, true);
        Path out = dir.resolve("report");
        ReportWriter.write(out, synthetic.evaluation, synthetic.bundle, synthetic.collect(2));

        JsonNode json = Json.MAPPER.readTree(out.resolve(ReportWriter.JSON).toFile());
        assertEquals(Set.of("report_version", "image_auroc", "pixel_auroc", "aupro", "f1_max", "threshold", "per_defect",
                "bias_terms_definition", "bias_terms", "counts", "timing", "model", "warnings", "training"), keys(json));
        assertEquals(0, json.get("warnings").size(), "a synthetic bundle's doctor records no pretext loss");
        assertMetrics(synthetic.evaluation.metrics(), json);
        assertEquals(Set.of("scratch", "spot"), keys(json.get("per_defect")));
        synthetic.evaluation.perDefect().forEach((defect, metrics) -> {
            assertEquals(METRIC_KEYS, keys(json.get("per_defect").get(defect)));
            assertMetrics(metrics, json.get("per_defect").get(defect));
        });

        assertEquals(BiasTermStatistics.DEFINITION, json.get("bias_terms_definition").asText());
        assertEquals(Set.of("inference", "delivery", "peer"), keys(json.get("bias_terms")));
        List<Double> normalPeerMaxima = new ArrayList<>();
        for (int i = 0; i < synthetic.samples.size(); i++) {
            if (!synthetic.samples.get(i).anomalous()) {
                normalPeerMaxima.add((double) synthetic.results.get(i).terms().get("peer").max());
            }
        }
        double mean = normalPeerMaxima.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double variance = normalPeerMaxima.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / normalPeerMaxima.size();
        JsonNode peerNormal = json.get("bias_terms").get("peer").get("normal");
        assertEquals(4, peerNormal.get("images").intValue());
        assertEquals(mean, peerNormal.get("mean").doubleValue(), 1e-9);
        assertEquals(Math.sqrt(variance), peerNormal.get("std").doubleValue(), 1e-9);
        assertEquals(6, json.get("bias_terms").get("inference").get("anomalous").get("images").intValue());

        JsonNode counts = json.get("counts");
        assertEquals(10, counts.get("test_images").intValue());
        assertEquals(4, counts.get("normal").intValue());
        assertEquals(6, counts.get("anomalous").intValue());
        assertEquals(3, counts.get("per_defect").get("spot").intValue());
        assertEquals(SyntheticEvaluation.SECONDS, json.get("timing").get("seconds_total").doubleValue());
        assertEquals(SyntheticEvaluation.SECONDS / 10, json.get("timing").get("seconds_per_image").doubleValue(), 1e-12);
        assertEquals(2, json.get("report_version").intValue());
        assertEquals(synthetic.bundle.model(), Json.MAPPER.treeToValue(json.get("model").get("description"), ModelDescription.class));
        assertEquals(synthetic.bundle.manifest().contentHash(), json.get("model").get("content_hash").asText());
        assertEquals(synthetic.bundle.root().toAbsolutePath().toString(), json.get("model").get("bundle_path").asText());
        assertEquals(SyntheticEvaluation.THRESHOLD, json.get("model").get("decision_threshold").doubleValue());
    }

    @Test
    void htmlIsOneSelfContainedPageWithChartsAndFigureRows() throws IOException {
        SyntheticEvaluation synthetic = new SyntheticEvaluation(dir, 32, 4, 3, true);
        ReportCollector collector = synthetic.collect(2);
        Path out = dir.resolve("report");
        ReportWriter.write(out, synthetic.evaluation, synthetic.bundle, collector);
        String html = Files.readString(out.resolve(ReportWriter.HTML));

        assertFalse(html.contains("http://") || html.contains("https://"), "external reference in the report");
        assertFalse(html.toLowerCase().contains("<script"));
        List<String> sources = matches(Pattern.compile("src=\"([^\"]{0,30})"), html);
        assertFalse(sources.isEmpty());
        assertTrue(sources.stream().allMatch(s -> s.startsWith("data:image/png;base64,")), sources.toString());
        assertTrue(html.contains("<img alt=\"ROC curve\" src=\"data:image/png;base64,"));
        assertTrue(html.contains("<img alt=\"Score histogram\" src=\"data:image/png;base64,"));

        List<Example> shown = collector.examples().stream().flatMap(g -> g.examples().stream()).toList();
        assertEquals(shown.size(), matches(Pattern.compile("<td class=\"caption\">"), html).size());
        for (Example example : shown) {
            assertTrue(html.contains(example.sample().image().getFileName().toString()));
        }
        // input, ground truth, overlay and three terms per row
        assertEquals(6 * shown.size(), matches(Pattern.compile("<td><img"), html).size());
        assertTrue(html.contains("<th>Ground truth</th>"));
        assertTrue(html.contains("Pixel AUROC"));
        assertTrue(html.contains("Best detections"));
        assertTrue(html.indexOf("Best detections") < html.indexOf("Most suspicious normal images"));
        assertTrue(html.contains(Html.metric(synthetic.evaluation.metrics().imageAuroc())));
    }

    @Test
    void imageLevelDataGivesNullPixelMetricsAndNoPixelParts() throws IOException {
        SyntheticEvaluation synthetic = new SyntheticEvaluation(dir, 32, 4, 3, false);
        ReportCollector collector = synthetic.collect(1);
        Path out = dir.resolve("report");
        ReportWriter.write(out, synthetic.evaluation, synthetic.bundle, collector);

        JsonNode json = Json.MAPPER.readTree(out.resolve(ReportWriter.JSON).toFile());
        assertTrue(json.get("pixel_auroc").isNull());
        assertTrue(json.get("aupro").isNull());
        assertTrue(json.get("per_defect").get("scratch").get("aupro").isNull());
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        assertFalse(html.contains("Ground truth"));
        assertFalse(html.contains("Pixel AUROC"));
        assertFalse(html.contains("AUPRO"));
        int rows = collector.examples().stream().mapToInt(g -> g.examples().size()).sum();
        assertEquals(5 * rows, matches(Pattern.compile("<td><img"), html).size());
    }

    @Test
    void replacesAnOlderReportButNeverOtherFiles() throws IOException {
        SyntheticEvaluation synthetic = new SyntheticEvaluation(dir, 32, 4, 3, true);
        Path out = dir.resolve("report");
        ReportWriter.write(out, synthetic.evaluation, synthetic.bundle, synthetic.collect(0));
        assertFalse(Files.readString(out.resolve(ReportWriter.HTML)).contains("Anomaly maps"), "no figure without examples");
        ReportWriter.write(out, synthetic.evaluation, synthetic.bundle, synthetic.collect(1));
        assertTrue(Files.readString(out.resolve(ReportWriter.HTML)).contains("Anomaly maps"));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(Set.of("bundle", "data", "report"), Set.copyOf(siblings.map(p -> p.getFileName().toString()).toList()));
        }

        Files.writeString(out.resolve("notes.txt"), "mine");
        var error = assertThrows(IllegalArgumentException.class,
                () -> ReportWriter.write(out, synthetic.evaluation, synthetic.bundle, synthetic.collect(1)));
        assertTrue(error.getMessage().contains("holds other files [notes.txt]"), error.getMessage());
        assertTrue(Files.exists(out.resolve("notes.txt")));
    }

    @Test
    void refusesACollectorThatDidNotSeeTheEvaluation() {
        SyntheticEvaluation synthetic = new SyntheticEvaluation(dir, 32, 4, 3, true);
        ReportCollector partial = new ReportCollector();
        AnomalyResult first = synthetic.results.getFirst();
        partial.accept(synthetic.samples.getFirst(), first);
        var error = assertThrows(IllegalArgumentException.class,
                () -> ReportWriter.write(dir.resolve("report"), synthetic.evaluation, synthetic.bundle, partial));
        assertEquals("the report collector saw 1 images but the evaluation scored 10; pass the collector to"
                + " Evaluator.evaluate as its progress callback", error.getMessage());
        assertFalse(Files.exists(dir.resolve("report")));
    }

    @Test
    void aStalledStudentIsNamedInAWarningAndInTheTrainingTable() throws IOException {
        SyntheticEvaluation synthetic = new SyntheticEvaluation(dir, 32, 4, 3, true, treeWithStalledMaster2());
        Path out = dir.resolve("report");
        ReportWriter.write(out, synthetic.evaluation, synthetic.bundle, synthetic.collect(1));

        JsonNode json = Json.MAPPER.readTree(out.resolve(ReportWriter.JSON).toFile());
        assertEquals(1, json.get("warnings").size(), json.get("warnings").toString());
        String warning = json.get("warnings").get(0).asText();
        assertTrue(warning.startsWith("training stalled for 1 of 10 networks"), warning);
        assertTrue(warning.contains("master-2 (final standardised regression 0.991, loss 1.600 to 1.100)"), warning);
        JsonNode training = json.get("training");
        assertEquals(List.of("doctor", "master-1", "master-2", "master-3", "bachelor-1-1", "bachelor-1-2", "bachelor-2-1",
                "bachelor-2-2", "bachelor-3-1", "bachelor-3-2"), List.copyOf(keysInOrder(training)));
        JsonNode stalled = training.get("master-2");
        assertTrue(stalled.get("stalled").booleanValue());
        assertEquals(0.991, stalled.get("regression").doubleValue());
        assertEquals(1.6, stalled.get("first_loss").doubleValue());
        assertEquals(1.1, stalled.get("loss").doubleValue());
        assertEquals(0.05, stalled.get("compactness").doubleValue());
        assertTrue(stalled.get("problem").asText().contains("ended at 0.991"));
        assertFalse(training.get("master-1").get("stalled").booleanValue());
        assertTrue(training.get("master-1").get("problem").isNull());
        assertEquals(0.4, training.get("doctor").get("regression").doubleValue());

        String html = Files.readString(out.resolve(ReportWriter.HTML));
        assertTrue(html.contains("<div class=\"warning\" role=\"alert\"><strong>Warning:</strong> " + Html.escape(warning)),
                "the same warning heads the page");
        assertTrue(html.contains("<h2>Training</h2>"));
        assertTrue(html.indexOf("role=\"alert\"") < html.indexOf("<h2>Training</h2>"));
        assertEquals(1, matches(Pattern.compile(">stalled</span>"), html).size());
        assertEquals(9, matches(Pattern.compile(">learned</span>"), html).size());
        assertTrue(html.contains("<tr><td>master-2</td><td>1.600 &rarr; 1.100</td><td>0.991</td>"), "master-2's row");
        assertTrue(html.contains("<div class=\"fill wrong\" style=\"width:82.6%\">"), "its bar, 0.991 of 1.2, in red");
    }

    @Test
    void aMasterOfThePretrainedDoctorIsShownAgainstItsFloor() throws IOException {
        Map<NetworkId, Object> tree = treeWithStalledMaster2();
        tree.put(NetworkId.DOCTOR, TrainedNetworkJson.pretrainedDoctor());
        tree.put(NetworkId.master(2), TrainedNetworkJson.trainedAgainstFloor(NetworkId.master(2), 1.1, 0.9, 0.85, 0.7));
        SyntheticEvaluation synthetic = new SyntheticEvaluation(dir, 32, 4, 3, true, tree);
        Path out = dir.resolve("report-floor");
        ReportWriter.write(out, synthetic.evaluation, synthetic.bundle, synthetic.collect(1));

        JsonNode json = Json.MAPPER.readTree(out.resolve(ReportWriter.JSON).toFile());
        assertEquals(0, json.get("warnings").size(), "0.85 against a floor of 0.7 learned: " + json.get("warnings"));
        assertEquals(0.7, json.get("training").get("master-2").get("regression_floor").doubleValue());
        assertEquals(0.0, json.get("training").get("master-1").get("regression_floor").doubleValue());
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        assertTrue(html.contains("<tr><td>master-2</td><td>1.100 &rarr; 0.900</td><td>0.850 <span class=\"meta\">(floor 0.700)</span>"),
                "master-2's row names its floor");
        // the floor hatched up to 0.7 of the 1.2 scale, the stalled line at 0.7 + 0.9 x 0.3 = 0.97
        assertTrue(html.contains("<div class=\"floor\" style=\"width:58.3%\" title=\"the lowest its network can reach: 0.700\">"
                + "</div><div class=\"limit\" style=\"left:80.8%\">"), "master-2's bar");
        assertEquals(1, matches(Pattern.compile("class=\"floor\""), html).size(), "only master-2 has a floor");
    }

    @Test
    void aBundleWrittenBeforeTrainingSummariesStillRenders() throws IOException {
        // the format-1 fixture's network.json files predate the training key (and pretextLoss)
        Path fixture = Path.of("src/test/resources/bundles/format-1");
        Path old = dir.resolve("old-bundle");
        Files.createDirectories(old);
        Files.copy(fixture.resolve("model.json"), old.resolve("model.json"));
        Folders.copyRecursively(fixture.resolve("networks"), old.resolve("networks"));
        Json.write(old.resolve(Manifest.FILE), Manifest.of(old, 1));
        assertFalse(Files.readString(old.resolve("networks/master-1/network.json")).contains("training"));
        SyntheticEvaluation synthetic = new SyntheticEvaluation(dir, 32, 4, 3, true);
        Path out = dir.resolve("report");
        ReportWriter.write(out, synthetic.evaluation, ModelBundle.open(old), synthetic.collect(1));

        JsonNode json = Json.MAPPER.readTree(out.resolve(ReportWriter.JSON).toFile());
        assertEquals(0, json.get("warnings").size());
        assertEquals(List.of("doctor", "master-1", "master-2", "bachelor-1-1", "bachelor-2-1"),
                List.copyOf(keysInOrder(json.get("training"))));
        json.get("training").forEach(network -> assertTrue(network.isNull(), "unknown, not healthy or stalled"));
        String html = Files.readString(out.resolve(ReportWriter.HTML));
        assertFalse(html.contains("role=\"alert\""));
        assertFalse(html.contains("<h2>Training</h2>"));
        assertTrue(html.contains("<h2>Model</h2>") && html.endsWith("</html>\n"));
    }

    /** The default tree (3 masters x 2 bachelors) with every network learning except master-2. */
    private static Map<NetworkId, Object> treeWithStalledMaster2() {
        Map<NetworkId, Object> json = new LinkedHashMap<>();
        for (NetworkId id : TrainingConfig.defaults().tree().networks()) {
            json.put(id, id.role() == NetworkId.Role.DOCTOR ? TrainedNetworkJson.trained(id, 1.38, 0.4, 0.4, 0.4)
                    : TrainedNetworkJson.trained(id, 1.2, 0.3 + 0.01 * json.size(), 0.2 + 0.05 * json.size(), null));
        }
        json.put(NetworkId.master(2), TrainedNetworkJson.trained(NetworkId.master(2), 1.6, 1.1, 0.991, null));
        return json;
    }

    private static List<String> keysInOrder(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Writes a larger sample report for people to look at: {@code -Dreport.sample.dir=/tmp/report-sample}. */
    @Test
    @EnabledIfSystemProperty(named = "report.sample.dir", matches = ".+")
    void writesASampleReport() {
        Path out = Path.of(System.getProperty("report.sample.dir"));
        SyntheticEvaluation pixel = new SyntheticEvaluation(dir.resolve("pixel"), 128, 12, 8, true, treeWithStalledMaster2());
        ReportWriter.write(out, pixel.evaluation, pixel.bundle, pixel.collect(3));
        SyntheticEvaluation image = new SyntheticEvaluation(dir.resolve("image"), 128, 12, 8, false);
        ReportWriter.write(out.resolveSibling(out.getFileName() + "-image-level"), image.evaluation, image.bundle, image.collect(2));
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.groupCount() > 0 ? matcher.group(1) : matcher.group());
        }
        return found;
    }
}

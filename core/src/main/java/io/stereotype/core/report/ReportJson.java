package io.stereotype.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stereotype.core.Evaluation;
import io.stereotype.core.bundle.Json;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.metrics.Metrics;

/**
 * The content of {@code report.json}: fixed keys that tools (MLflow logging, CI gates) can rely on.
 * Pixel metrics are null for image-level-only data.
 */
final class ReportJson {

    static final int VERSION = 1;

    private ReportJson() {
    }

    static ObjectNode build(Evaluation evaluation, ModelBundle bundle, ReportCollector collected) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("report_version", VERSION);
        putMetrics(root, evaluation.metrics());
        ObjectNode perDefect = root.putObject("per_defect");
        evaluation.perDefect().forEach((defect, metrics) -> putMetrics(perDefect.putObject(defect), metrics));
        root.put("bias_terms_definition", BiasTermStatistics.DEFINITION);
        ObjectNode terms = root.putObject("bias_terms");
        for (BiasTermStatistics term : collected.biasTerms()) {
            ObjectNode node = terms.putObject(term.term());
            putSummary(node.putObject("normal"), term.normal());
            putSummary(node.putObject("anomalous"), term.anomalous());
        }
        TestCounts counts = TestCounts.of(evaluation);
        ObjectNode countNode = root.putObject("counts");
        countNode.put("test_images", counts.total());
        countNode.put("normal", counts.normal());
        countNode.put("anomalous", counts.anomalous());
        ObjectNode perDefectCounts = countNode.putObject("per_defect");
        counts.perDefect().forEach(perDefectCounts::put);
        ObjectNode timing = root.putObject("timing");
        timing.put("seconds_total", evaluation.seconds());
        timing.put("seconds_per_image", evaluation.seconds() / counts.total());
        root.set("config", Json.MAPPER.valueToTree(bundle.config()));
        ObjectNode model = root.putObject("model");
        model.put("content_hash", bundle.manifest().contentHash());
        model.put("bundle_path", bundle.root().toAbsolutePath().toString());
        model.put("decision_threshold", bundle.calibration().threshold());
        return root;
    }

    private static void putMetrics(ObjectNode node, Metrics metrics) {
        node.put("image_auroc", metrics.imageAuroc());
        node.put("pixel_auroc", metrics.pixelAuroc());
        node.put("aupro", metrics.aupro());
        node.put("f1_max", metrics.f1Max());
        node.put("threshold", metrics.threshold());
    }

    private static void putSummary(ObjectNode node, BiasTermStatistics.Summary summary) {
        node.put("images", summary.images());
        node.put("mean", summary.mean());
        node.put("std", summary.std());
    }
}

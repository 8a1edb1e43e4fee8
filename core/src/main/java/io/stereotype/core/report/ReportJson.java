package io.stereotype.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stereotype.core.Evaluation;
import io.stereotype.core.io.Json;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainingSummary;

/**
 * The content of {@code report.json}: fixed keys that tools (MLflow logging, CI gates) can rely on.
 * Pixel metrics are null for image-level-only data.
 */
final class ReportJson {

    /** 2: the model description under {@code model.description} replaced the training config under {@code config}. */
    static final int VERSION = 2;

    private ReportJson() {
    }

    static ObjectNode build(Evaluation evaluation, ModelBundle bundle, ReportCollector collected) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("report_version", VERSION);
        NetworkTraining training = NetworkTraining.of(bundle);
        ModelWarnings.of(training).forEach(root.putArray("warnings")::add);
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
        ObjectNode model = root.putObject("model");
        model.put("content_hash", bundle.manifest().contentHash());
        model.put("bundle_path", bundle.root().toAbsolutePath().toString());
        model.put("decision_threshold", bundle.calibration().threshold());
        model.set("description", Json.MAPPER.valueToTree(bundle.model()));
        putTraining(root.putObject("training"), training);
        return root;
    }

    /** Each network's final losses and health; null where unknown (older bundles, the pretrained doctor). */
    private static void putTraining(ObjectNode node, NetworkTraining training) {
        for (NetworkId id : training.networks()) {
            TrainingSummary summary = training.summary(id);
            if (summary == null) {
                node.putNull(id.name());
                continue;
            }
            ObjectNode network = node.putObject(id.name());
            network.put("first_loss", summary.firstLoss());
            network.put("loss", summary.loss());
            network.put("regression", summary.regression());
            network.put("regression_floor", summary.regressionFloor());
            network.put("compactness", summary.compactness());
            network.put("stalled", summary.stalled());
            network.put("problem", summary.problem());
        }
    }

    private static void putMetrics(ObjectNode node, Metrics metrics) {
        metrics.byName().forEach(node::put);
    }

    private static void putSummary(ObjectNode node, BiasTermStatistics.Summary summary) {
        node.put("images", summary.images());
        node.put("mean", summary.mean());
        node.put("std", summary.std());
    }
}

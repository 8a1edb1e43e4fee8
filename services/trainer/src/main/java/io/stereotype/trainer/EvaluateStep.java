package io.stereotype.trainer;

import io.stereotype.core.Evaluation;
import io.stereotype.core.Evaluator;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.core.report.ReportCollector;
import io.stereotype.core.report.ReportWriter;
import io.stereotype.core.score.Detector;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.ArtifactStore;
import io.stereotype.mlops.storage.ArtifactUris;
import io.stereotype.mlops.tracking.Metric;
import io.stereotype.mlops.tracking.RunTracker;
import io.stereotype.mlops.tracking.TrackedRun;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/** Step {@code evaluate}: scores the test set, writes report.json and report.html, logs an evaluation run. */
@ApplicationScoped
public class EvaluateStep {
    private static final Logger LOG = Logger.getLogger(EvaluateStep.class);
    /** Name of an evaluation run that is not under a retrain's parent run. */
    private static final String STANDALONE_EVALUATION = "evaluation (stand-alone)";
    private final Services services;

    public EvaluateStep(Services services) {
        this.services = services;
    }

    /** The written reports, the evaluation run and the test-set metrics. */
    public record Result(URI report, URI reportHtml, String runId, Metrics metrics) implements StepResult {
        @Override
        public OutputLine toOutputLine() {
            OutputLine line = new OutputLine().output("report", report.toString()).output("reportHtml", reportHtml.toString())
                    .output("runId", runId);
            measured(metrics).forEach((name, value) -> line.output(camel(name), value).metric(name, value));
            return line;
        }
    }

    /** A {@code --model} value as a bundle location: itself, or the source of a registered version ({@code models:/...}). */
    public URI locateModel(String model) {
        return Models.locate(model, services);
    }

    public Result run(URI model, URI data, URI out, String parentRunId, String experiment) {
        Outputs.requireWritable(out);
        ModelBundle bundle = Models.open(model, services);
        MvtecDataset dataset = Datasets.open(data, services);
        ReportCollector collector = new ReportCollector();
        Evaluation evaluation;
        int total = dataset.testSamples().size();
        AtomicInteger scored = new AtomicInteger();
        try (Detector detector = Detector.load(bundle)) {
            evaluation = Evaluator.evaluate(detector, dataset, collector.andThen((sample, result) -> {
                int done = scored.incrementAndGet();
                if (done % 50 == 0 || done == total) {
                    LOG.infof("evaluate: %d/%d test images scored", done, total);
                }
            }));
        }
        Path staging = new WorkFolder(out, services).staging("report").resolve("report");
        ReportWriter.write(staging, evaluation, bundle, collector);
        ArtifactStore store = services.store(out);
        URI json = ArtifactUris.resolve(out, ReportWriter.JSON);
        URI html = ArtifactUris.resolve(out, ReportWriter.HTML);
        store.uploadFile(staging.resolve(ReportWriter.HTML), html);
        store.uploadFile(staging.resolve(ReportWriter.JSON), json);
        Metrics m = evaluation.metrics();
        try (RunTracker tracker = services.tracker(Runs.inside(out, services))) {
            TrackedRun run = evaluationRun(tracker, parentRunId, experiment);
            boolean child = parentRunId != null && !run.runName().equals(STANDALONE_EVALUATION);
            String runId = Runs.finish(tracker, run, r -> {
                List<Metric> metrics = new ArrayList<>();
                measured(m).forEach((k, v) -> metrics.add(Metric.of(k, v, 0)));
                tracker.logMetrics(r.runId(), metrics);
                tracker.setTags(r.runId(), Map.of("model", model.toString(), "dataset", data.toString(),
                        "bundle_hash", bundle.manifest().contentHash()));
                tracker.uploadArtifact(r.runId(), staging, "report");
                if (child) {
                    tracker.logMetrics(parentRunId, metrics);
                }
                return r.runId();
            });
            LOG.infof("evaluated %d images: image AUROC %.4f, pixel AUROC %s, AUPRO %s", evaluation.samples().size(),
                    m.imageAuroc(), m.pixelAuroc(), m.aupro());
            return new Result(json, html, runId, m);
        } catch (Exception e) {
            throw Runs.rethrow(e);
        }
    }

    /** A child of the retrain's run when there is one this tracker knows, else a run of its own. */
    private TrackedRun evaluationRun(RunTracker tracker, String parentRunId, String experiment) {
        if (parentRunId != null) {
            try {
                return tracker.startChildRun(parentRunId, "evaluation");
            } catch (ArtifactNotFoundException e) {
                // local run records of the retrain live elsewhere: MLflow would have found the parent
                LOG.warnf("parent run %s not found among local run records; logging a stand-alone evaluation run", parentRunId);
            }
        }
        return tracker.startRun(tracker.experiment(experiment), STANDALONE_EVALUATION);
    }

    /** The metrics that apply to this test set (pixel metrics need masks), by name. */
    private static Map<String, Double> measured(Metrics m) {
        Map<String, Double> values = new LinkedHashMap<>(m.byName());
        values.values().removeIf(v -> v == null);
        return values;
    }

    /** image_auroc as imageAuroc: output names are camel case, metric names snake case. */
    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}

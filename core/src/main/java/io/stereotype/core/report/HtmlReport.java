package io.stereotype.core.report;

import static io.stereotype.core.report.Html.escape;
import static io.stereotype.core.report.Html.metric;
import static io.stereotype.core.report.Html.number;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.Evaluation;
import io.stereotype.core.io.Json;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.data.Sample;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.core.model.BiasTerm;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainingSummary;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The content of {@code report.html}: one self-contained page (inline CSS, charts and images as
 * PNG data URIs, no scripts) with the metrics, the ROC curve and score histogram, the bias-term
 * statistics, the Figure 5 rows of the kept examples and the model's configuration. Pixel-level
 * parts are left out for image-level-only data.
 */
final class HtmlReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** Figure cells are shown this wide; smaller images are enlarged without blurring. */
    private static final int CELL = 140;
    /** Regression bars run from 0 to this (predicting the mean gives 1.0). */
    private static final double REGRESSION_SCALE = 1.2;
    private static final Map<String, String> TERM_TITLES = Map.of("inference", "Inference bias", "delivery", "Delivery bias",
            "peer", "Peer bias");

    private static final String STYLE = """
            :root { --ink: #1a202c; --muted: #718096; --line: #e2e8f0; --bg: #f4f6f9; --normal: #2b6cb0;
                    --anomalous: #c53030; --ok: #2f855a; --accent: #2c5282; }
            * { box-sizing: border-box; }
            .warning { background: #fff5f5; border: 2px solid var(--anomalous); border-radius: 6px; padding: 12px 16px;
                       margin: 16px 0; color: #742a2a; }
            body { margin: 0; background: var(--bg); color: var(--ink); line-height: 1.45;
                   font: 14px/1.45 "DejaVu Sans", system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
            main { max-width: 1240px; margin: 0 auto; padding: 32px 28px 56px; }
            header { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 8px; }
            header .eyebrow { font-size: 12px; letter-spacing: .12em; text-transform: uppercase; color: var(--accent); font-weight: 700; }
            h1 { font-size: 26px; margin: 4px 0 6px; }
            .sub { color: var(--muted); font-size: 13px; }
            .sub code { color: var(--ink); }
            .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 22px 0 8px; }
            .card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
            .card .label { font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; }
            .card .value { font-size: 24px; font-weight: 700; margin-top: 4px; font-variant-numeric: tabular-nums; }
            .card .note { font-size: 12px; color: var(--muted); }
            section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px 24px; margin: 18px 0; }
            h2 { font-size: 17px; margin: 0 0 4px; }
            h3 { font-size: 15px; margin: 22px 0 2px; }
            p.hint { color: var(--muted); margin: 0 0 14px; font-size: 13px; }
            table { border-collapse: collapse; width: 100%; }
            th, td { padding: 8px 10px; border-bottom: 1px solid var(--line); text-align: right; font-variant-numeric: tabular-nums; }
            th:first-child, td:first-child { text-align: left; }
            th { font-size: 11px; color: var(--muted); font-weight: 700; text-transform: uppercase; letter-spacing: .05em; }
            tr.overall td { font-weight: 700; background: #f7fafc; }
            .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
            .charts img { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 8px; }
            .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 6px; }
            table.figure th, table.figure td { text-align: center; vertical-align: top; padding: 8px 6px; }
            table.figure td.caption { text-align: left; width: 210px; font-size: 13px; }
            table.figure img { width: CELLpx; height: CELLpx; object-fit: contain; background: #000; border-radius: 4px; display: block; margin: 0 auto; }
            table.figure img.small { image-rendering: pixelated; }
            .file { font-weight: 700; word-break: break-all; }
            .meta { color: var(--muted); }
            .badge { display: inline-block; white-space: nowrap; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 700; margin-top: 4px; }
            .badge.ok { background: #e6f4ea; color: var(--ok); }
            .badge.wrong { background: #fdecec; color: var(--anomalous); }
            .scale { font-weight: 400; text-transform: none; letter-spacing: 0; display: block; margin-top: 3px; }
            .bar { display: block; height: 6px; width: CELLpx; margin: 4px auto 0; border-radius: 3px;
                   background: linear-gradient(90deg, #00007f, #0000ff, #00ffff, #ffff00, #ff0000, #7f0000); }
            table.training { width: auto; }
            table.training td, table.training th { padding: 4px 12px; }
            th sub { text-transform: none; }
            .loss { position: relative; width: 160px; height: 10px; background: var(--line); border-radius: 5px; }
            .loss .fill { height: 10px; border-radius: 5px; }
            .loss .fill.ok { background: var(--ok); }
            .loss .fill.wrong { background: var(--anomalous); }
            .loss .limit { position: absolute; top: -3px; width: 2px; height: 16px; background: var(--ink); }
            .loss .floor { position: absolute; top: 0; left: 0; height: 10px; border-radius: 5px 0 0 5px;
                background: repeating-linear-gradient(45deg, transparent 0 3px, rgba(0, 0, 0, .35) 3px 5px); }
            details summary { cursor: pointer; color: var(--accent); font-weight: 700; }
            dl.model { display: grid; grid-template-columns: max-content 1fr; gap: 6px 18px; margin: 0 0 12px; }
            dl.model dt { color: var(--muted); }
            dl.model dd { margin: 0; word-break: break-all; }
            footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 28px; }
            """.replace("CELL", Integer.toString(CELL));

    private final Evaluation evaluation;
    private final ModelBundle bundle;
    private final ReportCollector collected;
    private final NetworkTraining training;
    private final TestCounts counts;
    private final boolean pixelLevel;
    private final StringBuilder html = new StringBuilder(1 << 16);

    private HtmlReport(Evaluation evaluation, ModelBundle bundle, ReportCollector collected) {
        this.evaluation = evaluation;
        this.bundle = bundle;
        this.collected = collected;
        this.training = NetworkTraining.of(bundle);
        this.counts = TestCounts.of(evaluation);
        this.pixelLevel = evaluation.metrics().pixelAuroc() != null;
    }

    static String render(Evaluation evaluation, ModelBundle bundle, ReportCollector collected, Instant generatedAt) {
        return new HtmlReport(evaluation, bundle, collected).page(generatedAt);
    }

    private String page(Instant generatedAt) {
        String hash = bundle.manifest().contentHash();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Evaluation report &middot; model ").append(escape(hash.substring(0, 12))).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header><div class=\"eyebrow\">Stereotype &middot; student-teacher anomaly detection</div>\n")
                .append("<h1>Evaluation report</h1>\n<div class=\"sub\">Model <code>").append(escape(hash.substring(0, 12)))
                .append("</code> &middot; ").append(pixelLevel ? "pixel-level ground truth" : "image-level labels only")
                .append(" &middot; generated ").append(TIME.format(generatedAt)).append("</div></header>\n");
        warnings();
        cards();
        metricsTable();
        charts();
        biasTerms();
        training();
        figure();
        model(hash);
        html.append("<footer>report.json holds the same numbers in machine-readable form.</footer>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void warnings() {
        for (String warning : ModelWarnings.of(training)) {
            html.append("<div class=\"warning\" role=\"alert\"><strong>Warning:</strong> ").append(escape(warning))
                    .append("</div>\n");
        }
    }

    private void cards() {
        Metrics m = evaluation.metrics();
        html.append("<div class=\"cards\">\n");
        card("Image AUROC", metric(m.imageAuroc()), "area under the ROC curve");
        if (pixelLevel) {
            card("Pixel AUROC", metric(m.pixelAuroc()), "per-pixel ROC area");
            card("AUPRO", metric(m.aupro()), "per-region overlap, FPR &le; 0.3");
        }
        card("F1-max", metric(m.f1Max()), "at threshold " + number(m.threshold()));
        card("Test images", Integer.toString(counts.total()), counts.normal() + " normal &middot; " + counts.anomalous() + " anomalous");
        card("Time per image", String.format(Locale.ROOT, "%.1f ms", 1000 * evaluation.seconds() / counts.total()),
                String.format(Locale.ROOT, "%.1f s in total", evaluation.seconds()));
        html.append("</div>\n");
    }

    private void card(String label, String value, String note) {
        html.append("<div class=\"card\"><div class=\"label\">").append(label).append("</div><div class=\"value\">")
                .append(value).append("</div><div class=\"note\">").append(note).append("</div></div>\n");
    }

    private void metricsTable() {
        html.append("<section>\n<h2>Metrics</h2>\n<p class=\"hint\">Each defect type is scored against all normal test images."
                        + " The threshold is the one giving F1-max (score &ge; threshold is anomalous).</p>\n<table>\n<tr><th>Defect type</th>")
                .append("<th>Anomalous images</th><th>Image AUROC</th>")
                .append(pixelLevel ? "<th>Pixel AUROC</th><th>AUPRO</th>" : "")
                .append("<th>F1-max</th><th>Threshold</th></tr>\n");
        metricsRow("overall", "all", counts.anomalous(), evaluation.metrics());
        evaluation.perDefect().forEach((defect, metrics) ->
                metricsRow("", escape(defect), counts.perDefect().getOrDefault(defect, 0), metrics));
        html.append("</table>\n</section>\n");
    }

    private void metricsRow(String cssClass, String name, int images, Metrics m) {
        html.append("<tr class=\"").append(cssClass).append("\"><td>").append(name).append("</td><td>").append(images)
                .append("</td><td>").append(metric(m.imageAuroc())).append("</td>");
        if (pixelLevel) {
            html.append("<td>").append(metric(m.pixelAuroc())).append("</td><td>").append(metric(m.aupro())).append("</td>");
        }
        html.append("<td>").append(metric(m.f1Max())).append("</td><td>").append(number(m.threshold())).append("</td></tr>\n");
    }

    private void charts() {
        List<Evaluation.ScoredSample> samples = evaluation.samples();
        double[] scores = samples.stream().mapToDouble(Evaluation.ScoredSample::score).toArray();
        boolean[] anomalous = new boolean[samples.size()];
        for (int i = 0; i < anomalous.length; i++) {
            anomalous[i] = !Sample.GOOD.equals(samples.get(i).defectType());
        }
        double[] normalScores = samples.stream().filter(s -> Sample.GOOD.equals(s.defectType()))
                .mapToDouble(Evaluation.ScoredSample::score).toArray();
        double[] anomalousScores = samples.stream().filter(s -> !Sample.GOOD.equals(s.defectType()))
                .mapToDouble(Evaluation.ScoredSample::score).toArray();
        html.append("<section>\n<h2>Image scores</h2>\n<p class=\"hint\">Left: how well the image score separates")
                .append(" anomalous from normal images. Right: score distributions of <span class=\"dot\" style=\"background:#2b6cb0\"></span>normal")
                .append(" and <span class=\"dot\" style=\"background:#c53030\"></span>anomalous test images, with the model's decision")
                .append(" threshold (").append(number(bundle.calibration().threshold())).append(") and the F1-max threshold (")
                .append(number(evaluation.metrics().threshold())).append(").</p>\n<div class=\"charts\">\n")
                .append("<img alt=\"ROC curve\" src=\"")
                .append(Html.pngDataUri(ReportCharts.roc(RocCurve.of(scores, anomalous), evaluation.metrics().imageAuroc())))
                .append("\">\n<img alt=\"Score histogram\" src=\"")
                .append(Html.pngDataUri(ReportCharts.histogram(normalScores, anomalousScores, bundle.calibration().threshold(),
                        evaluation.metrics().threshold())))
                .append("\">\n</div>\n</section>\n");
    }

    private void biasTerms() {
        html.append("<section>\n<h2>Bias terms</h2>\n<p class=\"hint\">").append(escape(BiasTermStatistics.DEFINITION))
                .append(" A term that is much higher on anomalous images carries the detection.</p>\n<table>\n")
                .append("<tr><th>Term</th><th>Normal mean</th><th>Normal std</th><th>Anomalous mean</th><th>Anomalous std</th></tr>\n");
        for (BiasTermStatistics term : collected.biasTerms()) {
            html.append("<tr><td>").append(TERM_TITLES.get(term.term())).append("</td><td>").append(optional(term.normal().mean()))
                    .append("</td><td>").append(optional(term.normal().std())).append("</td><td>")
                    .append(optional(term.anomalous().mean())).append("</td><td>").append(optional(term.anomalous().std()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    /** Each network's final losses, with a bar of its last regression against the stalled line, when recorded. */
    private void training() {
        if (!training.recorded()) {
            return; // bundles written before training summaries were kept: unknown, so nothing to show
        }
        html.append("<section>\n<h2>Training</h2>\n<p class=\"hint\">Mean losses of each network's first and last epoch.")
                .append(" A student's standardised regression of 1.0 is what predicting its teacher's mean gives. Its floor")
                .append(" (hatched) is the lowest its network can reach against its teacher: 0 when it can reproduce the teacher,")
                .append(" above 0 for masters of the pretrained doctor, whose descriptors have more independent directions than")
                .append(" a student's bottleneck. A student ").append(Math.round(100 * TrainingSummary.MAX_STUDENT_REGRESSION))
                .append("% of the way from its floor to 1.0 or further (the line in the bar) explains almost none of what it")
                .append(" can learn and counts as stalled, as does any network whose loss dropped less than ")
                .append(Math.round(100 * TrainingSummary.MIN_DROP)).append("% of the way from its first epoch's to its floor. Hover over a")
                .append(" stalled badge for why.</p>\n")
                .append("<table class=\"training\">\n<tr><th>Network</th><th>Loss, first &rarr; last epoch</th>")
                .append("<th>Regression L<sub>d</sub></th><th></th><th>Compactness L<sub>p</sub></th><th>Health</th></tr>\n");
        for (NetworkId id : training.networks()) {
            TrainingSummary summary = training.summary(id);
            html.append("<tr><td>").append(escape(id.name())).append("</td>");
            if (summary == null) {
                html.append("<td colspan=\"5\" class=\"meta\">").append(training.pretrained(id)
                        ? "pretrained, not trained here" : "not recorded").append("</td></tr>\n");
                continue;
            }
            boolean doctor = id.role() == NetworkId.Role.DOCTOR;
            html.append("<td>").append(number(summary.firstLoss())).append(" &rarr; ").append(number(summary.loss()))
                    .append("</td><td>").append(number(summary.regression()))
                    .append(doctor ? " <span class=\"meta\">(cross-entropy)</span>" : "")
                    .append(summary.regressionFloor() > 0 ? " <span class=\"meta\">(floor " + number(summary.regressionFloor())
                            + ")</span>" : "")
                    .append("</td><td>").append(doctor ? "" : regressionBar(summary)).append("</td><td>")
                    .append(number(summary.compactness())).append("</td><td>").append(summary.stalled()
                            ? "<span class=\"badge wrong\" title=\"" + escape(summary.problem()) + "\">stalled</span>"
                            : "<span class=\"badge ok\">learned</span>")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    /**
     * A bar of the regression on a 0 to {@link #REGRESSION_SCALE} scale, its floor hatched, with a line at
     * the stalled threshold.
     */
    private static String regressionBar(TrainingSummary summary) {
        double share = Math.clamp(summary.regression() / REGRESSION_SCALE, 0, 1);
        String floor = summary.regressionFloor() > 0 ? String.format(Locale.ROOT, "<div class=\"floor\" style=\"width:%.1f%%\""
                + " title=\"the lowest its network can reach: %s\"></div>", 100 * summary.regressionFloor() / REGRESSION_SCALE,
                number(summary.regressionFloor())) : "";
        return String.format(Locale.ROOT, "<div class=\"loss\"><div class=\"fill %s\" style=\"width:%.1f%%\"></div>%s"
                        + "<div class=\"limit\" style=\"left:%.1f%%\"></div></div>", summary.stalled() ? "wrong" : "ok",
                100 * share, floor, 100 * TrainingSummary.stalledRegression(summary.regressionFloor()) / REGRESSION_SCALE);
    }

    private static String optional(Double value) {
        return value == null ? "&mdash;" : number(value);
    }

    private void figure() {
        List<ExampleGroup> groups = collected.examples();
        if (groups.isEmpty()) {
            return;
        }
        ExamplePanels panels = ExamplePanels.scaledFor(groups.stream().flatMap(g -> g.examples().stream()).toList());
        html.append("<section>\n<h2>Anomaly maps</h2>\n<p class=\"hint\">The total anomaly map over the input and its three")
                .append(" terms, as in Figure 5 of the paper. Colours run from dark blue (low) to dark red (high) on one scale")
                .append(" per column, shared by all rows.</p>\n");
        for (ExampleGroup group : groups) {
            html.append("<h3>").append(escape(group.title())).append("</h3>\n<p class=\"hint\">").append(escape(group.description()))
                    .append("</p>\n<table class=\"figure\">\n<tr><th>Image</th><th>Input</th>")
                    .append(pixelLevel ? "<th>Ground truth</th>" : "")
                    .append(columnHeader("Anomaly map", panels.total()));
            for (BiasTerm term : BiasTerm.values()) {
                html.append(columnHeader(TERM_TITLES.get(term.key()), panels.term(term.key())));
            }
            html.append("</tr>\n");
            for (Example example : group.examples()) {
                figureRow(example, panels.render(example, pixelLevel));
            }
            html.append("</table>\n");
        }
        html.append("</section>\n");
    }

    private static String columnHeader(String title, ExamplePanels.Range range) {
        return "<th>" + title + "<span class=\"scale\">" + number(range.min()) + " &ndash; " + number(range.max())
                + "</span><span class=\"bar\"></span></th>";
    }

    private void figureRow(Example example, ExamplePanels.Panels panels) {
        Sample sample = example.sample();
        String verdict = example.predictedAnomalous() ? "predicted anomalous" : "predicted normal";
        html.append("<tr><td class=\"caption\"><div class=\"file\" title=\"").append(escape(sample.image().toString())).append("\">")
                .append(escape(sample.image().getFileName().toString())).append("</div><div class=\"meta\">")
                .append(sample.anomalous() ? "defect: " + escape(sample.defectType()) : "normal").append("</div><div class=\"meta\">score ")
                .append(number(example.score())).append("</div><span class=\"badge ").append(example.correct() ? "ok" : "wrong").append("\">")
                .append(verdict).append(example.correct() ? " &#10003;" : " &#10007;").append("</span></td>");
        boolean small = example.map().width() < CELL && example.map().height() < CELL;
        cell(panels.input(), "input", small);
        if (panels.truth() != null) {
            cell(panels.truth(), "ground truth", small);
        }
        cell(panels.overlay(), "anomaly map", small);
        panels.terms().forEach((name, image) -> cell(image, name + " bias", small));
        html.append("</tr>\n");
    }

    private void cell(BufferedImage image, String alt, boolean small) {
        html.append("<td><img").append(small ? " class=\"small\"" : "").append(" alt=\"").append(alt).append("\" src=\"")
                .append(Html.pngDataUri(image)).append("\"></td>");
    }

    private void model(String hash) {
        html.append("<section>\n<h2>Model</h2>\n<dl class=\"model\"><dt>Bundle</dt><dd>")
                .append(escape(bundle.root().toAbsolutePath().toString())).append("</dd><dt>Content hash</dt><dd><code>")
                .append(escape(hash)).append("</code></dd><dt>Decision threshold</dt><dd>")
                .append(number(bundle.calibration().threshold())).append("</dd></dl>\n")
                .append("<details><summary>Model description</summary>\n<table>\n");
        modelRows("", Json.MAPPER.valueToTree(bundle.model()));
        html.append("</table>\n</details>\n</section>\n");
    }

    /** One row per leaf of the description, nested fields named by their path (tree.masters). */
    private void modelRows(String prefix, JsonNode node) {
        node.properties().forEach(field -> {
            if (field.getValue().isObject()) {
                modelRows(prefix + field.getKey() + ".", field.getValue());
            } else {
                html.append("<tr><td>").append(escape(prefix + field.getKey())).append("</td><td>")
                        .append(escape(field.getValue().asText())).append("</td></tr>\n");
            }
        });
    }
}

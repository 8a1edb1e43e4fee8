package io.stereotype.trainer.command;

import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.EvaluateStep;
import io.stereotype.trainer.ReportCopy;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", description = "Score a labelled test set and write report.json and report.html.")
public class EvaluateCommand extends StepCommand {
    @Option(names = "--model", required = true,
            description = "Model bundle folder or URI, or a registered version: models:/NAME/VERSION or models:/NAME@ALIAS.")
    String model;
    @Option(names = "--data", required = true, converter = UriConverter.class, description = "Data set folder or URI (its test split is scored).")
    URI data;
    @Option(names = "--out", required = true, converter = UriConverter.class, description = "Folder URI for the reports.")
    URI out;
    @Option(names = "--parent-run-id", description = "MLflow parent run to log the evaluation under.")
    String parentRunId;
    @Option(names = "--experiment", defaultValue = "stereotype", description = "Experiment of a stand-alone evaluation run (default: ${DEFAULT-VALUE}).")
    String experiment;
    @Option(names = "--copy-report-to", description = "Also copy report.json and report.html into this local folder, e.g."
            + " the Kestra task's working directory (`.`), so Kestra keeps them as output files.")
    Path copyReportTo;

    private final EvaluateStep step;
    private final ReportCopy reports;

    public EvaluateCommand(EvaluateStep step, ReportCopy reports) {
        this.step = step;
        this.reports = reports;
    }

    @Override
    OutputLine run() {
        if (copyReportTo != null) {
            reports.requireWritable(copyReportTo);
        }
        EvaluateStep.Result result = step.run(step.locateModel(model), data, out, parentRunId, experiment);
        if (copyReportTo != null) {
            reports.copy(copyReportTo, result.report(), result.reportHtml());
        }
        return result.toOutputLine();
    }
}

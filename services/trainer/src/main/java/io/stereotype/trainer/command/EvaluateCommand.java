package io.stereotype.trainer.command;

import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.EvaluateStep;
import java.net.URI;
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

    private final EvaluateStep step;

    public EvaluateCommand(EvaluateStep step) {
        this.step = step;
    }

    @Override
    OutputLine run() {
        return step.run(step.locateModel(model), data, out, parentRunId, experiment).toOutputLine();
    }
}

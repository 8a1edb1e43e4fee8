package io.stereotype.trainer.command;

import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.PrepStep;
import io.stereotype.trainer.TrainingOptions;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prep", description = "Validate a data set, fix the training configuration in the work folder and open the parent run.")
public class PrepCommand extends StepCommand {
    @Option(names = "--data", required = true, converter = UriConverter.class, description = "Data set folder or URI (MVTec AD layout).")
    URI data;
    @Option(names = "--doctor-data", converter = UriConverter.class, description = "Labelled data set folder or URI"
            + " (one subfolder of images per class) the doctor learns to classify; default: the rotation pretext on --data.")
    URI doctorData;
    @Option(names = "--work", required = true, converter = UriConverter.class, description = "Work folder URI of this retrain.")
    URI work;
    @Option(names = "--experiment", defaultValue = "stereotype", description = "MLflow experiment (default: ${DEFAULT-VALUE}).")
    String experiment;
    @Mixin
    TrainingOptions training;

    private final PrepStep step;

    public PrepCommand(PrepStep step) {
        this.step = step;
    }

    @Override
    OutputLine run() {
        return step.run(data, doctorData, work, training.resolve(), experiment).toOutputLine();
    }
}

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
    @Mixin
    DoctorOptions doctor;
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
        return step.run(data, doctor.kind(), doctor.doctorData(), doctor.doctorWeights(), work, training.resolve(), experiment).toOutputLine();
    }
}

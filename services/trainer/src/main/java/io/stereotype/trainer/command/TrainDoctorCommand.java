package io.stereotype.trainer.command;

import io.stereotype.core.model.NetworkId;
import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.TrainStep;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train-doctor", description = "Train the doctor network (stage 1).")
public class TrainDoctorCommand extends StepCommand {
    @Option(names = "--work", required = true, converter = UriConverter.class, description = "Work folder URI written by prep.")
    URI work;
    @Option(names = "--parent-run-id", description = "MLflow parent run to join (default: the one prep opened).")
    String parentRunId;
    @Option(names = "--init", converter = UriConverter.class,
            description = "SavedModel folder URI of a pre-trained doctor of the same architecture to start from.")
    URI init;

    private final TrainStep step;

    public TrainDoctorCommand(TrainStep step) {
        this.step = step;
    }

    @Override
    OutputLine run() {
        return step.run(work, NetworkId.DOCTOR, parentRunId, init, null).toOutputLine();
    }
}

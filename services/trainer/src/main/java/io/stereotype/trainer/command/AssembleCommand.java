package io.stereotype.trainer.command;

import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.AssembleStep;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "assemble", description = "Calibrate the trained tree and write the model bundle.")
public class AssembleCommand extends StepCommand {
    @Option(names = "--work", required = true, converter = UriConverter.class, description = "Work folder URI with every trained network.")
    URI work;
    @Option(names = "--out", required = true, converter = UriConverter.class, description = "Bundle folder URI to write.")
    URI out;

    private final AssembleStep step;

    public AssembleCommand(AssembleStep step) {
        this.step = step;
    }

    @Override
    OutputLine run() {
        return step.run(work, out).toOutputLine();
    }
}

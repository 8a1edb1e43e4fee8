package io.stereotype.trainer.command;

import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.PromoteStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "promote", description = "Point an alias (default production) at a model version; prints the previous holder.")
public class PromoteCommand extends StepCommand {
    @Option(names = "--name", required = true, description = "Registered model name.")
    String name;
    @Option(names = "--version", required = true, description = "Model version to promote.")
    int version;
    @Option(names = "--alias", defaultValue = "production", description = "Alias to move (default: ${DEFAULT-VALUE}).")
    String alias;

    private final PromoteStep step;

    public PromoteCommand(PromoteStep step) {
        this.step = step;
    }

    @Override
    OutputLine run() {
        return step.run(name, version, alias).toOutputLine();
    }
}

package io.stereotype.trainer.command;

import io.stereotype.trainer.ExitCodes;
import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.RegisterStep;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "register", description = "Register the bundle as an MLflow model version if its report passes the gate.")
public class RegisterCommand extends StepCommand {
    @Option(names = "--model", required = true, converter = UriConverter.class,
            description = "Model bundle URI; the version is an MLflow Model in the run's artifacts, the services load the"
                    + " bundle's copy under the models root.")
    URI model;
    @Option(names = "--report", required = true, converter = UriConverter.class, description = "report.json written by evaluate.")
    URI report;
    @Option(names = "--name", required = true, description = "Registered model name.")
    String name;
    @Option(names = {"--run-id", "--parent-run-id"}, description = "Run the version comes from (its parent retrain run,"
            + " prep's parentRunId); required.")
    String runId;
    @Mixin
    GateOptions gate;

    private final RegisterStep step;

    public RegisterCommand(RegisterStep step) {
        this.step = step;
    }

    @Override
    OutputLine run() {
        // checked here, not by the registry: that would refuse only after the bundle's copy and check
        if (runId == null || runId.isBlank()) {
            throw new ExitCodes.UsageException("register needs --run-id: the MLflow run the version comes from (the retrain's"
                    + " parent run, prep's parentRunId output); nothing was copied or registered");
        }
        return step.run(model, report, name, gate.gate(), runId, gate.modelsRoot(model)).toOutputLine();
    }
}

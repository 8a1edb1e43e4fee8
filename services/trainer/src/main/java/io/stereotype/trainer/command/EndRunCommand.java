package io.stereotype.trainer.command;

import io.stereotype.mlops.tracking.RunStatus;
import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.ParentRuns;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "end-run", description = "End a retrain's parent run FINISHED, FAILED or KILLED (the flow's last step and its"
        + " errors path); child runs still running end KILLED. Without a parent run (prep never started one) it says so"
        + " and exits 0; ending an ended run again is harmless.")
public class EndRunCommand extends StepCommand {
    @Option(names = "--work", required = true, converter = UriConverter.class,
            description = "Work folder URI of the retrain; its prep.json names the parent run.")
    URI work;
    @Option(names = "--status", required = true, description = "FINISHED, FAILED or KILLED.")
    RunStatus status;
    @Option(names = {"--run-id", "--parent-run-id"}, description = "The parent run, instead of the one in prep.json.")
    String runId;

    private final ParentRuns runs;

    public EndRunCommand(ParentRuns runs) {
        this.runs = runs;
    }

    @Override
    OutputLine run() {
        return runs.end(work, status, runId);
    }
}

package io.stereotype.trainer.command;

import io.stereotype.core.model.NetworkId;
import io.stereotype.trainer.ExitCodes;
import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.TrainStep;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train-student", description = "Train a master (stage 2) or a bachelor (stage 3).")
public class TrainStudentCommand extends StepCommand {
    enum Role { master, bachelor }

    @Option(names = "--work", required = true, converter = UriConverter.class, description = "Work folder URI written by prep.")
    URI work;
    @Option(names = "--role", required = true, description = "master or bachelor.")
    Role role;
    @Option(names = "--master", required = true, description = "Master index I, from 1.")
    int master;
    @Option(names = "--index", description = "Bachelor index J within master I, from 1 (bachelors only).")
    Integer index;
    @Option(names = "--parent-run-id", description = "MLflow parent run to join (default: the one prep opened).")
    String parentRunId;

    private final TrainStep step;

    public TrainStudentCommand(TrainStep step) {
        this.step = step;
    }

    @Override
    OutputLine run() {
        NetworkId id;
        try {
            id = switch (role) {
                case master -> {
                    if (index != null) {
                        throw new ExitCodes.UsageException("--index is for bachelors; a master is only --master I");
                    }
                    yield NetworkId.master(master);
                }
                case bachelor -> {
                    if (index == null) {
                        throw new ExitCodes.UsageException("a bachelor needs --index J (its number within master " + master + ")");
                    }
                    yield NetworkId.bachelor(master, index);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException("--master and --index count from 1: " + e.getMessage());
        }
        return step.run(work, id, parentRunId).toOutputLine();
    }
}

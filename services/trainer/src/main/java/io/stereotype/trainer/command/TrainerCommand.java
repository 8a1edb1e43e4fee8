package io.stereotype.trainer.command;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The task container's entry point: one subcommand per pipeline step (docs/cli.md). */
@TopCommand
@Command(name = "stereotype-trainer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Trains, evaluates, registers and promotes Stereotype Deepening anomaly detectors.",
        subcommands = {PrepCommand.class, TrainDoctorCommand.class, TrainStudentCommand.class, AssembleCommand.class,
                EvaluateCommand.class, RegisterCommand.class, PromoteCommand.class, PipelineCommand.class, ScoreCommand.class,
                SynthesizeCommand.class, ImportCommand.class, EndRunCommand.class})
public class TrainerCommand {
}

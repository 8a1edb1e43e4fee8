package io.stereotype.trainer.command;

import io.stereotype.core.model.NetworkId;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.mlops.storage.ArtifactUris;
import io.stereotype.mlops.tracking.RunStatus;
import io.stereotype.trainer.AssembleStep;
import io.stereotype.trainer.EvaluateStep;
import io.stereotype.trainer.ModelsRoot;
import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.Outputs;
import io.stereotype.trainer.ParentRuns;
import io.stereotype.trainer.PrepStep;
import io.stereotype.trainer.RegisterStep;
import io.stereotype.trainer.TrainStep;
import io.stereotype.trainer.TrainingOptions;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pipeline", description = "Every step in one process: prep, doctor, masters, bachelors, assemble, evaluate"
        + " and, with --name, register; then ends the parent run FINISHED (FAILED when a step fails)."
        + " Writes DIR/bundle/, DIR/report.json, DIR/report.html.")
public class PipelineCommand extends StepCommand {
    @Option(names = "--data", required = true, converter = UriConverter.class, description = "Data set folder or URI (MVTec AD layout).")
    URI data;
    @Mixin
    DoctorOptions doctor;
    @Option(names = "--out", required = true, converter = UriConverter.class, description = "Output folder URI.")
    URI out;
    @Option(names = "--experiment", defaultValue = "stereotype", description = "MLflow experiment (default: ${DEFAULT-VALUE}).")
    String experiment;
    @Option(names = "--name", description = "Register the model under this name (needs MLFLOW_TRACKING_URI).")
    String name;
    @Mixin
    GateOptions gate;
    @Mixin
    TrainingOptions training;

    private final PrepStep prep;
    private final TrainStep train;
    private final AssembleStep assemble;
    private final EvaluateStep evaluate;
    private final RegisterStep register;
    private final ParentRuns runs;

    public PipelineCommand(PrepStep prep, TrainStep train, AssembleStep assemble, EvaluateStep evaluate, RegisterStep register,
                           ParentRuns runs) {
        this.prep = prep;
        this.train = train;
        this.assemble = assemble;
        this.evaluate = evaluate;
        this.register = register;
        this.runs = runs;
    }

    @Override
    OutputLine run() {
        TrainingConfig config = training.resolve();
        // the evaluation writes into --out last: find out now, not after training
        Outputs.requireWritable(out);
        URI work = ArtifactUris.resolve(out, "work");
        URI bundle = ArtifactUris.resolve(out, "bundle");
        ModelsRoot models = gate.modelsRoot(bundle);
        if (name != null) {
            models.requireUsableFor(name);
        }
        PrepStep.Result prepared = prep.run(data, doctor.kind(), doctor.doctorData(), doctor.doctorWeights(), work, config,
                experiment);
        String parentRunId = prepared.parentRunId();
        OutputLine line = prepared.toOutputLine();
        try {
            for (NetworkId id : config.tree().networks()) {
                train.run(work, id, parentRunId, null, doctor.doctorWeights());
            }
            AssembleStep.Result assembled = assemble.run(work, bundle);
            EvaluateStep.Result evaluated = evaluate.run(assembled.bundle(), data, out, parentRunId, experiment);
            line.merge(assembled.toOutputLine()).merge(evaluated.toOutputLine());
            if (name != null) {
                line.merge(register.run(assembled.bundle(), evaluated.report(), name, gate.gate(), parentRunId, models)
                        .toOutputLine());
            }
        } catch (RuntimeException | Error e) {
            endFailed(work, parentRunId, e);
            throw e;
        }
        // the retrain is over: the parent run ends as the flow's end-run would end it
        runs.end(work, RunStatus.FINISHED, parentRunId);
        return line;
    }

    private void endFailed(URI work, String parentRunId, Throwable failure) {
        try {
            runs.end(work, RunStatus.FAILED, parentRunId);
        } catch (RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }
}

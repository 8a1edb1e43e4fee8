package io.stereotype.trainer.command;

import io.stereotype.core.train.NetworkId;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.mlops.storage.ArtifactUris;
import io.stereotype.trainer.Gate;
import io.stereotype.trainer.ModelsRoot;
import io.stereotype.mlops.tracking.RunStatus;
import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.ParentRuns;
import io.stereotype.trainer.PipelineSteps;
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
    @Option(names = "--doctor-data", converter = UriConverter.class, description = "Labelled data set folder or URI"
            + " (one subfolder of images per class) the doctor learns to classify; default: the rotation pretext on --data.")
    URI doctorData;
    @Option(names = "--out", required = true, converter = UriConverter.class, description = "Output folder URI.")
    URI out;
    @Option(names = "--experiment", defaultValue = "stereotype", description = "MLflow experiment (default: ${DEFAULT-VALUE}).")
    String experiment;
    @Option(names = "--name", description = "Register the model under this name (needs MLFLOW_TRACKING_URI).")
    String name;
    @Option(names = "--models-root", converter = UriConverter.class, description = "Where registered versions live, as"
            + " MODELS_ROOT/NAME/BUNDLE_HASH; an s3:// URI, as MLflow accepts no local sources"
            + " (default: models beside the folder holding --out).")
    URI modelsRoot;
    @Option(names = "--min-image-auroc", description = "Register only if image AUROC is at least this.")
    Double minImageAuroc;
    @Option(names = "--min-pixel-auroc", description = "Register only if pixel AUROC is at least this.")
    Double minPixelAuroc;
    @Option(names = "--min-aupro", description = "Register only if AUPRO is at least this.")
    Double minAupro;
    @Mixin
    TrainingOptions training;

    private final PipelineSteps steps;
    private final ParentRuns runs;

    public PipelineCommand(PipelineSteps steps, ParentRuns runs) {
        this.steps = steps;
        this.runs = runs;
    }

    @Override
    OutputLine run() {
        TrainingConfig config = training.resolve();
        // the evaluation writes into --out last: find out now, not after training
        steps.checkWritable(out);
        URI work = ArtifactUris.resolve(out, "work");
        URI bundle = ArtifactUris.resolve(out, "bundle");
        ModelsRoot models = ModelsRoot.of(modelsRoot, bundle);
        if (name != null) {
            models.requireUsableFor(name);
        }
        OutputLine line = steps.prep(data, doctorData, work, config, experiment);
        String parentRunId = (String) line.outputs().get("parentRunId");
        try {
            for (NetworkId id : PipelineSteps.tree(config)) {
                steps.train(work, id, parentRunId);
            }
            line.merge(steps.assemble(work, bundle));
            line.merge(steps.evaluate(bundle, data, out, parentRunId, experiment));
            if (name != null) {
                line.merge(steps.register(bundle, ArtifactUris.resolve(out, "report.json"), name,
                        new Gate(minImageAuroc, minPixelAuroc, minAupro), parentRunId, models));
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

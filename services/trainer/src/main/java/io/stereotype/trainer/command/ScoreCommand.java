package io.stereotype.trainer.command;

import io.stereotype.trainer.OutputLine;
import io.stereotype.trainer.Scoring;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "score", description = "Score one image or a folder of images; writes scores.json and heat-map overlays.")
public class ScoreCommand extends StepCommand {
    @Option(names = "--model", required = true, description = "Model bundle folder or URI, or a registered version:"
            + " models:/NAME/VERSION or models:/NAME@ALIAS (needs MLFLOW_TRACKING_URI).")
    String model;
    @Option(names = "--image", required = true, description = "An image file or a folder of images.")
    Path image;
    @Option(names = "--out", required = true, converter = UriConverter.class, description = "Output folder URI.")
    URI out;

    private final Scoring scoring;

    public ScoreCommand(Scoring scoring) {
        this.scoring = scoring;
    }

    @Override
    OutputLine run() {
        return scoring.score(model, image, out);
    }
}

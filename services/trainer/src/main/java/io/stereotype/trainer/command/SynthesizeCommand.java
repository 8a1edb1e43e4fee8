package io.stereotype.trainer.command;

import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.trainer.DataSetTools;
import io.stereotype.trainer.OutputLine;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synthesize", description = "Write an MVTec-layout data set with synthetic defects and exact masks,"
        + " from defect-free texture photos (or a procedural texture).")
public class SynthesizeCommand extends StepCommand {
    @Option(names = "--photos", description = "A texture photo (PNG/JPEG) or a folder of them; each crop comes from a random one.")
    Path photos;
    @Option(names = "--texture", defaultValue = "noise", description = "Procedural texture when no --photos: noise, wood or weave (default: ${DEFAULT-VALUE}).")
    String texture;
    @Option(names = "--out", required = true, converter = UriConverter.class, description = "Data set folder or URI to create (must not exist or be empty).")
    URI out;
    @Option(names = "--size", defaultValue = "128", description = "Side of the square images in pixels (default: ${DEFAULT-VALUE}).")
    int size;
    @Option(names = "--train", defaultValue = "60", description = "Normal training images (default: ${DEFAULT-VALUE}).")
    int train;
    @Option(names = "--test-good", defaultValue = "10", description = "Normal test images (default: ${DEFAULT-VALUE}).")
    int testGood;
    @Option(names = "--per-defect", defaultValue = "5", description = "Test images per defect type (default: ${DEFAULT-VALUE}).")
    int perDefect;
    @Option(names = "--defects", split = ",", defaultValue = "scratch,spot,hole,stain", description = "Defect types (default: ${DEFAULT-VALUE}).")
    List<String> defects;
    @Option(names = "--defect-scale", defaultValue = "1.0", description = "Multiplies every defect's extent, 0.25 to 2.5 (default: ${DEFAULT-VALUE}).")
    double defectScale;
    @Option(names = "--grey", description = "One grey channel instead of RGB.")
    boolean grey;
    @Option(names = "--seed", defaultValue = "0", description = "Seed: the same options and seed give the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    private final DataSetTools tools;

    public SynthesizeCommand(DataSetTools tools) {
        this.tools = tools;
    }

    @Override
    OutputLine run() {
        TextureDatasetGenerator.Builder builder = TextureDatasetGenerator.builder().texture(texture).size(size)
                .trainCount(train).testGoodCount(testGood).defectCount(perDefect).defects(defects)
                .defectScale(defectScale).grey(grey).seed(seed);
        if (photos != null) {
            builder.photos(photos);
        }
        return tools.synthesize(builder.build(), out);
    }
}

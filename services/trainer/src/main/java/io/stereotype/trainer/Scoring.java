package io.stereotype.trainer;

import io.stereotype.core.io.Json;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.Heatmaps;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.core.score.Detector;
import io.stereotype.mlops.storage.ArtifactUris;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** The {@code score} step: one image or a folder in, {@code scores.json} and heat-map overlays out. */
@ApplicationScoped
public class Scoring {
    private static final Logger LOG = Logger.getLogger(Scoring.class);
    private final Services services;

    public Scoring(Services services) {
        this.services = services;
    }

    /** @param model a bundle location or a registered version, {@code models:/NAME/VERSION} or {@code models:/NAME@ALIAS} */
    public OutputLine score(String model, Path images, URI out) {
        Outputs.requireWritable(out);
        ModelBundle bundle = Models.open(Models.locate(model, services), services);
        List<Path> files = imageFiles(images);
        Path staging = new WorkFolder(out, services).staging("scores").resolve("scores");
        List<Map<String, Object>> rows = new ArrayList<>();
        int anomalies = 0;
        try (Detector detector = Detector.load(bundle)) {
            for (Path file : files) {
                FloatImage image = ImageFiles.read(file);
                AnomalyResult result = detector.score(image, file.toString(), false);
                String name = file.getFileName().toString().replaceFirst("\\.[^.]+$", "");
                ImageFiles.writePng(Heatmaps.overlay(image, result.map(), 0f, (float) (2 * result.threshold()), 0.5f),
                        staging.resolve("maps").resolve(name + ".png"));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("image", file.toString());
                row.put("score", result.score());
                row.put("label", result.anomalous() ? "anomalous" : "normal");
                row.put("map", "maps/" + name + ".png");
                rows.add(row);
                anomalies += result.anomalous() ? 1 : 0;
                LOG.infof("%s: score %.4f (%s)", file.getFileName(), result.score(), row.get("label"));
            }
        }
        Json.write(staging.resolve("scores.json"), Map.of("threshold", bundle.calibration().threshold(), "images", rows));
        services.store(out).uploadFolder(staging, out);
        return new OutputLine().output("out", out.toString()).output("scores", ArtifactUris.resolve(out, "scores.json").toString())
                .output("images", rows.size()).output("anomalous", anomalies);
    }

    private static List<Path> imageFiles(Path images) {
        if (Files.isRegularFile(images)) {
            return List.of(images);
        }
        if (!Files.isDirectory(images)) {
            throw new ExitCodes.BadDataException("image " + images + " does not exist", null);
        }
        try (Stream<Path> list = Files.list(images)) {
            List<Path> files = list.filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.(png|jpe?g)"))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new ExitCodes.BadDataException("folder " + images + " holds no PNG or JPEG images", null);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + images, e);
        }
    }
}

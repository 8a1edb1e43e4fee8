package io.stereotype.core.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.io.Folders;
import io.stereotype.core.io.Json;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.ScoreCalibration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete trained model as one folder: every network's SavedModel and statistics under
 * {@code networks/<name>/}, the model description and score calibration in {@code model.json}, and
 * a {@link Manifest} written last. {@link #open} verifies format version and checksums.
 */
public final class ModelBundle {
    /** 2 stores the model description instead of the whole training config (format 1). */
    public static final int FORMAT_VERSION = 2;
    /** Format 1 bundles are read as well: their network folders are unchanged. */
    public static final List<Integer> READABLE_VERSIONS = List.of(1, FORMAT_VERSION);
    public static final String MODEL = "model.json";
    static final String NETWORKS = "networks";

    /** The JSON part of a bundle. */
    public record Description(int formatVersion, ModelDescription model, int channels, ScoreCalibration calibration) {
    }

    private final Path root;
    private final Description description;
    private final Manifest manifest;

    private ModelBundle(Path root, Description description, Manifest manifest) {
        this.root = root;
        this.description = description;
        this.manifest = manifest;
    }

    /** Assembles a bundle from trained network folders (one per network of the tree); replaces {@code target} atomically. */
    public static void write(Path target, ModelDescription model, int channels, Map<NetworkId, Path> networks,
                             ScoreCalibration calibration) {
        Folders.writeAtomically(target, temp -> {
            for (NetworkId id : model.tree().networks()) {
                Path folder = networks.get(id);
                if (folder == null) {
                    throw new IllegalArgumentException("no network folder for " + id + " of the tree");
                }
                Folders.copyRecursively(folder, temp.resolve(NETWORKS).resolve(id.name()));
            }
            Json.write(temp.resolve(MODEL), new Description(FORMAT_VERSION, model, channels, calibration));
            Json.write(temp.resolve(Manifest.FILE), Manifest.of(temp, FORMAT_VERSION));
        });
    }

    public static ModelBundle open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BundleException("model bundle " + root + " does not exist or is not a folder");
        }
        Manifest manifest = BundleJson.read(root.resolve(Manifest.FILE), Manifest.class);
        if (!READABLE_VERSIONS.contains(manifest.formatVersion())) {
            throw new BundleException("bundle " + root + " has format version " + manifest.formatVersion()
                    + "; this version of Stereotype reads formats " + READABLE_VERSIONS);
        }
        if (manifest.files() == null || !manifest.files().containsKey(MODEL)) {
            throw new BundleException("bundle " + root + " manifest does not list " + MODEL);
        }
        manifest.verify(root);
        Path file = root.resolve(MODEL);
        JsonNode json = BundleJson.read(file, JsonNode.class);
        Description description = manifest.formatVersion() == 1
                ? FormatOne.describe(json, file)
                : BundleJson.convert(json, Description.class, file);
        return new ModelBundle(root, description, manifest);
    }

    public Path root() {
        return root;
    }

    /** What the model is: tree, preprocessing, scoring settings. */
    public ModelDescription model() {
        return description.model();
    }

    public int channels() {
        return description.channels();
    }

    public ScoreCalibration calibration() {
        return description.calibration();
    }

    public Manifest manifest() {
        return manifest;
    }

    /** Network folders in tree order (doctor, masters, bachelors). */
    public Map<NetworkId, Path> networks() {
        Map<NetworkId, Path> folders = new LinkedHashMap<>();
        for (NetworkId id : model().tree().networks()) {
            folders.put(id, root.resolve(NETWORKS).resolve(id.name()));
        }
        return folders;
    }
}

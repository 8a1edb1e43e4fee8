package io.stereotype.core.bundle;

import io.stereotype.core.score.ScoreCalibration;
import io.stereotype.core.train.NetworkId;
import io.stereotype.core.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete trained model as one folder: every network's SavedModel and statistics under
 * {@code networks/<name>/}, the training config and score calibration in {@code model.json}, and a
 * {@link Manifest} written last. {@link #open} verifies format version and checksums.
 */
public final class ModelBundle {
    public static final int FORMAT_VERSION = 1;
    public static final String MODEL = "model.json";
    static final String NETWORKS = "networks";

    /** The JSON part of a bundle. */
    public record Description(int formatVersion, TrainingConfig config, int channels, ScoreCalibration calibration,
                              List<String> networks) {
    }

    private final Path root;
    private final Description description;
    private final Manifest manifest;

    private ModelBundle(Path root, Description description, Manifest manifest) {
        this.root = root;
        this.description = description;
        this.manifest = manifest;
    }

    /** Assembles a bundle from trained network folders; replaces {@code target} atomically. */
    public static void write(Path target, TrainingConfig config, int channels, Map<NetworkId, Path> networks,
                             ScoreCalibration calibration) {
        Folders.writeAtomically(target, temp -> {
            networks.forEach((id, folder) -> Folders.copyRecursively(folder, temp.resolve(NETWORKS).resolve(id.name())));
            Json.write(temp.resolve(MODEL), new Description(FORMAT_VERSION, config, channels, calibration,
                    networks.keySet().stream().map(NetworkId::name).toList()));
            Json.write(temp.resolve(Manifest.FILE), Manifest.of(temp, FORMAT_VERSION));
        });
    }

    public static ModelBundle open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BundleException("model bundle " + root + " does not exist or is not a folder");
        }
        Manifest manifest = Json.read(root.resolve(Manifest.FILE), Manifest.class);
        if (manifest.formatVersion() != FORMAT_VERSION) {
            throw new BundleException("bundle " + root + " has format version " + manifest.formatVersion()
                    + "; this version of Stereotype reads format " + FORMAT_VERSION);
        }
        if (manifest.files() == null || !manifest.files().containsKey(MODEL)) {
            throw new BundleException("bundle " + root + " manifest does not list " + MODEL);
        }
        manifest.verify(root);
        Description description = Json.read(root.resolve(MODEL), Description.class);
        return new ModelBundle(root, description, manifest);
    }

    public Path root() {
        return root;
    }

    public TrainingConfig config() {
        return description.config();
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
        for (String name : description.networks()) {
            folders.put(NetworkId.parse(name), root.resolve(NETWORKS).resolve(name));
        }
        return folders;
    }
}

package io.stereotype.trainer;

import io.stereotype.core.pretrained.PretrainedDoctor;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the pretrained doctor's weights file: {@code --doctor-weights}, else the configuration
 * {@code stereotype.doctor-weights} (STEREOTYPE_DOCTOR_WEIGHTS; by default
 * {@code $STEREOTYPE_DATA/weights/efficientnet-lite0.pth}, else the same under
 * {@code ~/.cache/stereotype/data}, where scripts/fetch-data.sh --weights puts it). A missing file
 * is a configuration error (exit 2) saying how to fetch it; the trainer never falls back to another
 * doctor on its own.
 */
@ApplicationScoped
public class DoctorWeights {
    private final Path configured;

    public DoctorWeights(TrainerSettings settings) {
        this.configured = settings.doctorWeights();
    }

    /** @param flag the command's {@code --doctor-weights}, or null */
    public Path locate(Path flag) {
        Path path = flag != null ? flag : configured;
        if (!Files.isRegularFile(path)) {
            throw new ExitCodes.UsageException(missing(path));
        }
        return path;
    }

    /** The weights file of this step's container, which must be the one prep recorded. */
    public Path verified(Path flag, String sha256) {
        Path path = locate(flag);
        String actual = PretrainedDoctor.sha256(path);
        if (!actual.equals(sha256)) {
            throw new ExitCodes.UsageException("the pretrained doctor's weights " + path + " have SHA-256 " + actual
                    + ", but prep recorded " + sha256 + ": every step of a retrain must use the same weights file");
        }
        return path;
    }

    static String missing(Path path) {
        return "the pretrained doctor (the default, --doctor pretrained) needs its ImageNet weights, and " + path
                + " does not exist: fetch them with scripts/fetch-data.sh --weights (into $STEREOTYPE_DATA or"
                + " ~/.cache/stereotype/data), or name the file with --doctor-weights or STEREOTYPE_DOCTOR_WEIGHTS."
                + " Without them, --doctor pretext trains the rotation-pretext doctor instead (it learns nothing on"
                + " textures that look alike turned by 90 degrees), and --doctor-data a labelled doctor";
    }
}

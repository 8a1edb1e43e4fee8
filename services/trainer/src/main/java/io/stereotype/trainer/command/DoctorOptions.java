package io.stereotype.trainer.command;

import io.stereotype.core.model.DoctorKind;
import io.stereotype.trainer.ExitCodes;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The doctor of a retrain ({@code prep}, {@code pipeline}): which kind, and its data or weights. */
public class DoctorOptions {
    @Option(names = "--doctor", description = "pretrained (default: the ImageNet EfficientNet-Lite0, needs"
            + " scripts/fetch-data.sh --weights), pretext (rotation pretext on --data) or labelled (needs --doctor-data;"
            + " the default when --doctor-data is given).")
    String doctor;
    @Option(names = "--doctor-data", converter = UriConverter.class, description = "Labelled data set folder or URI"
            + " (one subfolder of images per class) the doctor learns to classify; implies --doctor labelled.")
    URI doctorData;
    @Option(names = "--doctor-weights", description = "The pretrained doctor's weights file (default:"
            + " STEREOTYPE_DOCTOR_WEIGHTS, else $STEREOTYPE_DATA or ~/.cache/stereotype/data, weights/efficientnet-lite0.pth).")
    Path doctorWeights;

    /** The chosen kind; a combination that cannot work is a usage error naming the flags. */
    public DoctorKind kind() {
        if (doctor == null) {
            return doctorData != null ? DoctorKind.LABELLED : DoctorKind.PRETRAINED;
        }
        DoctorKind kind = switch (doctor.toLowerCase(Locale.ROOT)) {
            case "pretrained" -> DoctorKind.PRETRAINED;
            case "pretext" -> DoctorKind.PRETEXT;
            case "labelled", "labeled" -> DoctorKind.LABELLED;
            default -> throw new ExitCodes.UsageException("--doctor must be pretrained, pretext or labelled, got " + doctor);
        };
        if (kind == DoctorKind.LABELLED && doctorData == null) {
            throw new ExitCodes.UsageException("--doctor labelled needs --doctor-data (one subfolder of images per class)");
        }
        if (kind != DoctorKind.LABELLED && doctorData != null) {
            throw new ExitCodes.UsageException("--doctor-data is the labelled doctor's data: it cannot go with --doctor " + doctor);
        }
        return kind;
    }

    public URI doctorData() {
        return doctorData;
    }

    public Path doctorWeights() {
        return doctorWeights;
    }
}

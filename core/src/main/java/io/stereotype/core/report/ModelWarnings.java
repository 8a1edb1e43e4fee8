package io.stereotype.core.report;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.PretextCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a reader of the report must know about how the model was built before trusting its numbers. */
final class ModelWarnings {
    private ModelWarnings() {
    }

    /** The pretext doctor's near-chance warning, when its folder recorded a final loss that is near chance. */
    static List<String> of(ModelBundle bundle) {
        List<String> warnings = new ArrayList<>();
        Path doctor = bundle.networks().get(NetworkId.DOCTOR);
        // a verified bundle always has it; reports of synthetic bundles in tests have empty network folders
        boolean described = doctor != null && Files.isRegularFile(doctor.resolve(NetworkFolder.DESCRIPTION));
        Double pretextLoss = described ? NetworkFolder.describe(doctor).pretextLoss() : null;
        if (pretextLoss != null) {
            PretextCheck.warning(pretextLoss).ifPresent(warnings::add);
        }
        return warnings;
    }
}

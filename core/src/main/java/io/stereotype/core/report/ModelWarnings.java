package io.stereotype.core.report;

import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.PretextCheck;
import java.util.ArrayList;
import java.util.List;

/** What a reader of the report must know about how the model was built before trusting its numbers. */
final class ModelWarnings {
    private ModelWarnings() {
    }

    /**
     * The pretext doctor's near-chance warning, when its folder recorded a final loss that is near
     * chance, and the stalled-training warning when any network's folder recorded that it did not learn.
     */
    static List<String> of(NetworkTraining training) {
        List<String> warnings = new ArrayList<>();
        // a verified bundle always has the doctor's description; synthetic bundles in tests have empty network folders
        NetworkFolder.Description doctor = training.descriptions().get(NetworkId.DOCTOR);
        Double pretextLoss = doctor == null ? null : doctor.pretextLoss();
        if (pretextLoss != null) {
            PretextCheck.warning(pretextLoss).ifPresent(warnings::add);
        }
        warnings.addAll(training.stalledWarning());
        return warnings;
    }
}

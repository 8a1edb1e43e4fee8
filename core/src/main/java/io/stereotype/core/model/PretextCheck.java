package io.stereotype.core.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a pretext doctor learned anything. Its loss is the cross-entropy of telling four
 * rotations apart: chance is ln 4. On images that look the same turned by 90 degrees (isotropic
 * textures: sand, stones, carpet) it stays near chance, the doctor's descriptors carry no structure
 * and the students learn nothing useful; that must be said, not scored silently.
 */
public final class PretextCheck {
    /** Cross-entropy of guessing among the 4 rotations. */
    public static final double CHANCE = Math.log(4);
    /** A final loss above this share of chance counts as not learnt. */
    public static final double NEAR_CHANCE_SHARE = 0.9;

    private PretextCheck() {
    }

    /** The warning for a pretext doctor whose last epoch ended at {@code finalLoss}, if it is near chance. */
    public static Optional<String> warning(double finalLoss) {
        if (finalLoss <= NEAR_CHANCE_SHARE * CHANCE) { // a NaN loss (diverged) is flagged too
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "the pretext doctor did not learn: its rotation loss ended at %.3f,"
                + " near chance (ln 4 = %.3f); the images look alike turned by 90 degrees, so its descriptors carry"
                + " little structure and the anomaly maps are unreliable. Use the pretrained doctor (--doctor pretrained,"
                + " weights from scripts/fetch-data.sh --weights) or a labelled doctor (--doctor-data)", finalLoss, CHANCE));
    }
}

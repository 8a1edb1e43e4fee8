package io.stereotype.scorer.model;

import io.stereotype.core.io.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A bundle folder on local disk: either a download the scorer owns (deleted once its model is
 * closed) or the user's own folder, used in place and never deleted.
 */
record BundleCopy(Path root, boolean owned) {

    static BundleCopy inPlace(Path root) {
        return new BundleCopy(root, false);
    }

    static BundleCopy downloaded(Path root) {
        return new BundleCopy(root, true);
    }

    void discard() {
        if (!owned) {
            return;
        }
        try {
            Folders.deleteRecursively(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the downloaded bundle " + root, e);
        }
    }
}

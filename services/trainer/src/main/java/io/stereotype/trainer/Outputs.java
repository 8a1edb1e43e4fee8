package io.stereotype.trainer;

import io.stereotype.mlops.storage.ArtifactUris;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks an output location before hours of training go into something that cannot be written. */
public final class Outputs {
    private Outputs() {
    }

    /** A local output must be a folder we can create and write in; remote ones are checked by their store. */
    public static void requireWritable(URI output) {
        if (!ArtifactUris.isLocal(output)) {
            return;
        }
        Path folder = ArtifactUris.toPath(output).toAbsolutePath();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new ExitCodes.UsageException("output " + output + " is not writable: " + existing + " is not a folder");
        }
        try {
            Path probe = Files.createTempFile(existing, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new ExitCodes.UsageException("output " + output + " is not writable: cannot create files in " + existing);
        }
    }
}

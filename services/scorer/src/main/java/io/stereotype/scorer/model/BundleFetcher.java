package io.stereotype.scorer.model;

import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.storage.ArtifactUris;
import io.stereotype.mlops.storage.SafePaths;
import java.nio.file.Path;
import java.util.UUID;

/** Brings a candidate's bundle folder to local disk: local folders are used in place, others downloaded. */
final class BundleFetcher {
    private final ArtifactStores stores;
    private final Path cacheDir;

    BundleFetcher(ArtifactStores stores, Path cacheDir) {
        this.stores = stores;
        this.cacheDir = cacheDir;
    }

    BundleCopy fetch(ModelCandidate candidate) {
        if (ArtifactUris.isLocal(candidate.location())) {
            return BundleCopy.inPlace(ArtifactUris.toPath(candidate.location()));
        }
        // a fresh folder per load: the copy of a version being drained may still be in use, or
        // about to be deleted, when the same version is loaded again (alias moved back)
        // the registered name comes from the registry: "." or ".." would survive safe() and climb out of the cache
        Path target = SafePaths.resolveUnder(cacheDir, safe(candidate.name()) + "/"
                + (candidate.version() == null ? "bundle" : "v" + candidate.version()) + "-" + UUID.randomUUID());
        stores.forUri(candidate.location()).downloadFolder(candidate.location(), target);
        return BundleCopy.downloaded(target);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

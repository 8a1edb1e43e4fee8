package io.stereotype.scorer.model;

import io.stereotype.core.io.Json;
import io.stereotype.core.bundle.Manifest;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.storage.ArtifactUris;
import java.net.URI;

/**
 * A bundle given by location. Its manifest's content hash is the revision, so a bundle replaced in
 * place (the trainer writes bundles atomically) is loaded again on the next poll.
 */
final class BundleLocator implements ModelLocator {
    private final URI location;
    private final ArtifactStores stores;

    BundleLocator(URI location, ArtifactStores stores) {
        this.location = location;
        this.stores = stores;
    }

    @Override
    public ModelCandidate locate() {
        URI manifestUri = ArtifactUris.resolve(location, Manifest.FILE);
        String hash = parseManifest(stores.forUri(manifestUri).readText(manifestUri), manifestUri).contentHash();
        return new ModelCandidate(folderName(), null, null, location, "bundle " + hash);
    }

    private static Manifest parseManifest(String text, URI uri) {
        try {
            return Json.MAPPER.readValue(text, Manifest.class);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the bundle manifest " + uri + ": " + e.getMessage(), e);
        }
    }

    private String folderName() {
        String path = location.getPath() == null ? location.toString() : location.getPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    @Override
    public String describe() {
        return location.toString();
    }
}

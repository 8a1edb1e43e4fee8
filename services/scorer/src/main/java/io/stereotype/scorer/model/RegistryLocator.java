package io.stereotype.scorer.model;

import io.stereotype.mlops.registry.ModelRegistry;
import io.stereotype.mlops.registry.ModelUri;
import io.stereotype.mlops.registry.ModelVersion;
import java.net.URI;

/** Follows a {@code models:/name@alias} (or pinned {@code models:/name/3}) reference in the MLflow registry. */
final class RegistryLocator implements ModelLocator {
    private final ModelUri uri;
    private final ModelRegistry registry;

    RegistryLocator(ModelUri uri, ModelRegistry registry) {
        this.uri = uri;
        this.registry = registry;
    }

    @Override
    public ModelCandidate locate() {
        ModelVersion version = registry.resolve(uri);
        if (!ModelVersion.READY.equals(version.status())) {
            throw new IllegalStateException(version.uri() + " is " + version.status() + ", not READY");
        }
        return new ModelCandidate(version.name(), version.version(), uri.alias(), sourceOf(version),
                "version " + version.version() + " from " + version.bundleUri());
    }

    /**
     * The version's bundle folder: its stereotype.bundle tag (versions registered as MLflow Models), else the source
     * (older versions); only s3:// and file:// locations can be downloaded.
     */
    private static URI sourceOf(ModelVersion version) {
        try {
            return version.bundleUri();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(version.uri() + " has an unusable source: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return uri.toString();
    }
}

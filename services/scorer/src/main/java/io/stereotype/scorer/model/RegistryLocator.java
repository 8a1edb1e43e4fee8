package io.stereotype.scorer.model;

import io.stereotype.mlops.registry.ModelRegistry;
import io.stereotype.mlops.registry.ModelUri;
import io.stereotype.mlops.registry.ModelVersion;
import io.stereotype.mlops.storage.ArtifactUris;
import java.net.URI;
import java.util.Set;

/** Follows a {@code models:/name@alias} (or pinned {@code models:/name/3}) reference in the MLflow registry. */
final class RegistryLocator implements ModelLocator {
    /** What the artifact stores can download; the trainer registers the bundle's s3:// or file:// URI. */
    private static final Set<String> SUPPORTED_SCHEMES = Set.of("s3", "file");

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
                "version " + version.version() + " from " + version.source());
    }

    private static URI sourceOf(ModelVersion version) {
        String scheme = URI.create(version.source().strip()).getScheme();
        if (scheme != null && !SUPPORTED_SCHEMES.contains(scheme)) {
            throw new IllegalStateException(version.uri() + " has source " + version.source()
                    + "; the scorer downloads s3:// and file:// bundle folders only");
        }
        return ArtifactUris.parse(version.source());
    }

    @Override
    public String describe() {
        return uri.toString();
    }
}

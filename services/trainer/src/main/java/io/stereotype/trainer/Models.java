package io.stereotype.trainer;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.mlops.registry.ModelNotFoundException;
import io.stereotype.mlops.registry.ModelUri;
import io.stereotype.mlops.registry.ModelVersion;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.ArtifactUris;
import java.net.URI;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Model bundles given by URI: opened in place when local, downloaded to the cache first when remote. */
final class Models {
    private static final Logger LOG = Logger.getLogger(Models.class);
    private static final String REGISTRY_PREFIX = "models:/";

    private Models() {
    }

    static ModelBundle open(URI model, Services services) {
        Path local;
        if (ArtifactUris.isLocal(model)) {
            local = ArtifactUris.toPath(model);
        } else {
            local = services.cacheDir().resolve("models").resolve(WorkFolder.shortHash(model.toString()));
            try {
                services.store(model).downloadFolder(model, local);
            } catch (ArtifactNotFoundException e) {
                throw new ExitCodes.BadDataException("model bundle " + model + " not found", e);
            }
        }
        return ModelBundle.open(local);
    }

    /**
     * The bundle a {@code --model} value names: a location, or a registered version ({@code models:/NAME/VERSION},
     * {@code models:/NAME@ALIAS}) looked up in the registry, as the scorer does.
     */
    static URI locate(String model, Services services) {
        if (!model.startsWith(REGISTRY_PREFIX)) {
            return ArtifactUris.parse(model);
        }
        ModelUri uri = ModelUri.parse(model);
        ModelVersion version;
        try {
            version = services.registry().resolve(uri);
        } catch (ModelNotFoundException e) {
            throw new ExitCodes.BadDataException(e.getMessage(), e);
        }
        try {
            URI source = version.bundleUri();
            LOG.infof("%s is %s, bundle %s", uri, version.uri(), source);
            return source;
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.BadDataException(version.uri() + " has a source the trainer cannot read: " + e.getMessage(), e);
        }
    }
}

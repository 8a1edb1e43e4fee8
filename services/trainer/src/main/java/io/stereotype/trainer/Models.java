package io.stereotype.trainer;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.ArtifactUris;
import java.net.URI;
import java.nio.file.Path;

/** Model bundles given by URI: opened in place when local, downloaded to the cache first when remote. */
final class Models {
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
}

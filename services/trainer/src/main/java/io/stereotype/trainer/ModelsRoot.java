package io.stereotype.trainer;

import io.stereotype.mlops.storage.ArtifactUris;
import java.net.URI;

/**
 * The folder registered model versions live in: {@code <root>/<model name>/<bundle content hash>}. It lies outside
 * every retrain's folder, so that retrain folders (networks, staging, the bundle assemble wrote) can be expired
 * without breaking a version that a rollback or a scorer may still load.
 */
public record ModelsRoot(URI uri) {
    /** Name of the default root, beside the folder that holds the retrain folders. */
    static final String DEFAULT_NAME = "models";

    /**
     * {@code --models-root} when given, else {@code models} beside the folder holding the bundle's retrain folder:
     * the flows and {@code pipeline} write bundles to {@code <retrains>/<retrain>/bundle}, and {@code <retrains>}
     * (the flow's {@code s3://stereotype/work}) is what gets expired, so versions go to {@code s3://stereotype/models}.
     */
    public static ModelsRoot of(URI flag, URI bundle) {
        if (flag != null) {
            return new ModelsRoot(flag);
        }
        URI retrains = ArtifactUris.parent(ArtifactUris.parent(bundle));
        return new ModelsRoot(ArtifactUris.resolve(ArtifactUris.parent(retrains), DEFAULT_NAME));
    }

    /** Fails with a usage error, before anything is trained or copied, when versions of {@code name} cannot live here. */
    public void requireUsableFor(String name) {
        modelFolder(name);
        if (ArtifactUris.isLocal(uri)) {
            // the MLflow server refuses a local path as a version's source unless it lies in the run's artifact folder
            throw new ExitCodes.UsageException("models root " + uri + " is a local folder, which the MLflow registry does not"
                    + " accept as a version's source: set --models-root to an s3:// URI");
        }
    }

    /** The folder of the bundle with this content hash. Without a trailing slash: the registry compares sources as text. */
    URI versionFolder(String name, String contentHash) {
        String folder = ArtifactUris.resolve(modelFolder(name), contentHash).toString();
        return URI.create(folder.replaceAll("/+$", ""));
    }

    private URI modelFolder(String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new ExitCodes.UsageException("model name '" + name + "' cannot name a folder under the models root " + uri
                    + ": use a name without '/' or '\\'");
        }
        return ArtifactUris.resolve(uri, name);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}

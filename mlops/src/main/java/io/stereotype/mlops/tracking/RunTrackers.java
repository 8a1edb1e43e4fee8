package io.stereotype.mlops.tracking;

import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.mlflow.MlflowSettings;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.storage.ArtifactUris;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Chooses the run tracker from {@code MLFLOW_TRACKING_URI}, the variable MLflow users already set. */
public final class RunTrackers {
    private RunTrackers() {
    }

    /**
     * An {@link MlflowRunTracker} for an http(s) {@code MLFLOW_TRACKING_URI}; a {@link LocalRunTracker}
     * writing into {@code localFolder} when it is unset, or into the folder a {@code file:} URI names.
     * Every run either starts is tagged with {@code origin}.
     */
    public static RunTracker fromEnvironment(Map<String, String> env, Path localFolder, ArtifactStores stores, RetryPolicy retryPolicy,
                                             RunOrigin origin) {
        Optional<MlflowSettings> mlflow = MlflowSettings.fromEnvironment(env);
        if (mlflow.isPresent()) {
            return new MlflowRunTracker(mlflow.get(), stores, retryPolicy, origin);
        }
        String trackingUri = env.getOrDefault("MLFLOW_TRACKING_URI", "").strip();
        if (trackingUri.isEmpty()) {
            return new LocalRunTracker(localFolder, origin);
        }
        // only unambiguous local forms: a bare word such as "databricks" is an MLflow target, not a folder
        if (trackingUri.startsWith("file:") || trackingUri.startsWith("/")) {
            return new LocalRunTracker(ArtifactUris.toPath(ArtifactUris.parse(trackingUri)), origin);
        }
        throw new IllegalArgumentException("MLFLOW_TRACKING_URI " + trackingUri
                + " is not supported: use http(s)://host:port, file:///folder, an absolute folder path, or leave it unset");
    }
}

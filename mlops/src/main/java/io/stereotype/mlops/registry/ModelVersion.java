package io.stereotype.mlops.registry;

import io.stereotype.mlops.storage.ArtifactUris;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A registered model version.
 *
 * @param source where the model's files are, as registered (e.g. {@code s3://models/run-17/bundle})
 * @param status MLflow's registration status: PENDING_REGISTRATION, READY or FAILED_REGISTRATION
 */
public record ModelVersion(String name, int version, String source, String runId, String status,
                           Map<String, String> tags, List<String> aliases) {
    public static final String READY = "READY";
    /**
     * The tag naming the bundle folder of a version registered as an MLflow Model: the services read it there
     * with their own S3 credentials, while MLflow users download the version's source through MLflow.
     */
    public static final String BUNDLE_TAG = "stereotype.bundle";

    public ModelVersion {
        tags = Map.copyOf(tags);
        aliases = List.copyOf(aliases);
    }

    /** The source as a URI an {@link io.stereotype.mlops.storage.ArtifactStore} can read. */
    public URI sourceUri() {
        return ArtifactUris.parse(source);
    }

    /**
     * Where the model bundle is, as an {@link io.stereotype.mlops.storage.ArtifactStore} reads it: the
     * {@value #BUNDLE_TAG} tag of versions registered as MLflow Models, else (versions registered before them,
     * whose source is the bundle itself) the source.
     */
    public URI bundleUri() {
        String bundle = tags.get(BUNDLE_TAG);
        return bundle == null || bundle.isBlank() ? sourceUri() : ArtifactUris.parse(bundle);
    }

    public ModelUri uri() {
        return ModelUri.version(name, version);
    }
}

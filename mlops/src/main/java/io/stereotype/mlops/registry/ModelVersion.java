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

    public ModelVersion {
        tags = Map.copyOf(tags);
        aliases = List.copyOf(aliases);
    }

    /** The source as a URI an {@link io.stereotype.mlops.storage.ArtifactStore} can read. */
    public URI sourceUri() {
        return ArtifactUris.parse(source);
    }

    public ModelUri uri() {
        return ModelUri.version(name, version);
    }
}

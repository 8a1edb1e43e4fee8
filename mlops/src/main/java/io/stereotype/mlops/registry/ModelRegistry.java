package io.stereotype.mlops.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Registered models, their versions and aliases. Promotion moves an alias (e.g. {@code production})
 * to a version; since {@link #setAlias} returns the previous holder, a rollback is one more call.
 */
public interface ModelRegistry {

    /**
     * The version of model {@code name} registered from {@code source} by run {@code runId}; created
     * (with the registered model, if needed) unless it already exists, so a rerun adds no duplicate.
     */
    default ModelVersion registerVersion(String name, URI source, String runId) {
        return registerVersion(name, source, runId, "");
    }

    /**
     * As {@link #registerVersion(String, URI, String)}, with a description (Markdown) the registry shows with the
     * version, and a link to the run.
     */
    ModelVersion registerVersion(String name, URI source, String runId, String description);

    /** Waits until the version's status is READY; fails if registration failed or the wait times out. */
    ModelVersion awaitReady(String name, int version, Duration timeout);

    /** Sets tags on a version, e.g. its evaluation metrics. */
    void setTags(String name, int version, Map<String, String> tags);

    /**
     * Points {@code alias} at {@code version}.
     *
     * @return the version that held the alias before, if any
     */
    Optional<Integer> setAlias(String name, String alias, int version);

    void deleteAlias(String name, String alias);

    /** The version an alias points to, if it is set. */
    Optional<ModelVersion> aliasHolder(String name, String alias);

    /** The version a {@code models:/name@alias} or {@code models:/name/3} URI stands for. */
    ModelVersion resolve(ModelUri uri);

    default ModelVersion resolve(String modelUri) {
        return resolve(ModelUri.parse(modelUri));
    }
}

package io.stereotype.scorer.model;

import java.net.URI;

/**
 * A model the configured reference currently points to, before it is loaded.
 *
 * @param version  the registry version, or null for a bundle given by location
 * @param alias    the registry alias followed, or null
 * @param location where the bundle folder is ({@code file:} or {@code s3:})
 * @param revision what must change for the scorer to load it again (registry version and source, or
 *                 the bundle's content hash)
 */
public record ModelCandidate(String name, Integer version, String alias, URI location, String revision) {
}

package io.stereotype.scorer.model;

import io.stereotype.mlops.registry.ModelUri;
import io.stereotype.mlops.storage.ArtifactUris;
import java.net.URI;

/** Parses the configured model reference: a registry URI, or where a bundle is. */
public sealed interface ModelReference {
    String DEFAULT_ALIAS = "production";
    String REGISTRY_PREFIX = "models:/";

    record Registry(ModelUri uri) implements ModelReference {
    }

    record Bundle(URI location) implements ModelReference {
    }

    /**
     * {@code models:/name@alias}, {@code models:/name/3}, or {@code models:/name} meaning
     * {@code models:/name@production}; anything else is a bundle path or URI.
     */
    static ModelReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("stereotype.model is empty: give models:/name@alias or a bundle path");
        }
        String text = reference.strip();
        if (!text.startsWith(REGISTRY_PREFIX)) {
            return new Bundle(ArtifactUris.parse(text));
        }
        boolean aliasOrVersion = text.contains("@") || text.matches(".+/\\d+");
        return new Registry(ModelUri.parse(aliasOrVersion ? text : text + "@" + DEFAULT_ALIAS));
    }
}

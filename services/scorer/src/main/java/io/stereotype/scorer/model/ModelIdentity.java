package io.stereotype.scorer.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The model that answered a request, as reported to clients.
 *
 * @param bundleHash the verified bundle's content hash (manifest), which identifies its files
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelIdentity(String name, Integer version, String alias, String source, String bundleHash) {

    static ModelIdentity of(ModelCandidate candidate, String bundleHash) {
        return new ModelIdentity(candidate.name(), candidate.version(), candidate.alias(), candidate.location().toString(), bundleHash);
    }

    /** Short enough for a log line: name, version, alias and the start of the bundle hash. */
    @Override
    public String toString() {
        return name + (version == null ? "" : " version " + version) + (alias == null ? "" : " @" + alias)
                + " (bundle " + bundleHash.substring(0, Math.min(12, bundleHash.length())) + ")";
    }
}

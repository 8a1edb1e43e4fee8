package io.stereotype.mlops.storage;

/** A storage operation was refused or failed for a reason other than a missing artifact or an unreachable service. */
public class ArtifactStoreException extends RuntimeException {
    public ArtifactStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

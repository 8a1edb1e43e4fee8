package io.stereotype.mlops.storage;

import java.net.URI;

/** The file or folder an operation reads does not exist (or, for an S3 folder, is not complete). */
public class ArtifactNotFoundException extends ArtifactStoreException {
    private final URI uri;

    public ArtifactNotFoundException(URI uri, String detail, Throwable cause) {
        super("artifact not found: " + uri + (detail == null ? "" : " (" + detail + ")"), cause);
        this.uri = uri;
    }

    public URI uri() {
        return uri;
    }
}

package io.stereotype.core.bundle;

/** A model bundle or network folder is missing, corrupted, or of another format version. */
public final class BundleException extends RuntimeException {
    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.stereotype.mlops.registry;

/** A model URI names a model, version or alias the registry does not have. */
public class ModelNotFoundException extends RuntimeException {
    public ModelNotFoundException(ModelUri uri, Throwable cause) {
        super("no model version for " + uri + ": " + (cause == null ? "not found" : cause.getMessage()), cause);
    }
}

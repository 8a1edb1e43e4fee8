package io.stereotype.scorer.model;

/** No verified model is loaded yet: the service cannot score. */
public final class ModelNotReadyException extends RuntimeException {
    public ModelNotReadyException(String message) {
        super(message);
    }
}

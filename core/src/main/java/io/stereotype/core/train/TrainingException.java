package io.stereotype.core.train;

/** Training could not produce a usable network (divergence, unusable data). */
public final class TrainingException extends RuntimeException {
    public TrainingException(String message) {
        super(message);
    }
}

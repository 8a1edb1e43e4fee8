package io.stereotype.scorer.model;

/** Finds out which model the configured reference points to right now (cheap: no download). */
public interface ModelLocator {

    ModelCandidate locate();

    /** The configured reference, for status reports. */
    String describe();
}

package io.stereotype.scorer.api;

/** A batch image that was not scored: the HTTP status it would have had alone, and why. */
public record ImageError(String image, int status, String error) implements BatchItem {
}

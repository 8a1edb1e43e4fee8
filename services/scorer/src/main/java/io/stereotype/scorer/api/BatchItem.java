package io.stereotype.scorer.api;

/** One entry of a batch response: the image's score, or why it was not scored. */
public sealed interface BatchItem permits ScoreResult, ImageError {
}

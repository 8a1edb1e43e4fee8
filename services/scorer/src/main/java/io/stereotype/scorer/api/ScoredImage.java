package io.stereotype.scorer.api;

/** A scored image: the JSON verdict and, when asked for, the PNG overlay (else null). */
record ScoredImage(ScoreResult result, byte[] overlayPng) {
}

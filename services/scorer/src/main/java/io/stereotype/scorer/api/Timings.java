package io.stereotype.scorer.api;

/** Where a request's time went, in milliseconds; total runs from the request's arrival to the response. */
public record Timings(double decodeMs, double inferenceMs, double totalMs) {
}

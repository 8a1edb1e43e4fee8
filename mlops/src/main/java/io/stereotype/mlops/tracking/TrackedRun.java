package io.stereotype.mlops.tracking;

import java.net.URI;

/** A started run: what later calls and other steps (in other processes) need to refer to it. */
public record TrackedRun(String runId, String experimentId, String runName, URI artifactUri) {
}

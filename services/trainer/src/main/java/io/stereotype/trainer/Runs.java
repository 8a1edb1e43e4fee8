package io.stereotype.trainer;

import io.stereotype.core.train.TrainingConfig;
import io.stereotype.mlops.storage.ArtifactUris;
import io.stereotype.mlops.tracking.DatasetInput;
import io.stereotype.mlops.tracking.RunStatus;
import io.stereotype.mlops.tracking.RunTracker;
import io.stereotype.mlops.tracking.TrackedRun;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One tracked run per step: started as a child of the retrain's parent run, ended FINISHED when the
 * step returns and FAILED when it throws, so MLflow never shows a run stuck in RUNNING. The parent run
 * outlives prep: {@link ParentRuns} ends it when the retrain ends.
 */
final class Runs {
    private Runs() {
    }

    /**
     * Where JSON run records go without MLflow: {@code runs/} beside the work folder (so the
     * pipeline's {@code DIR/work} and {@code DIR} share {@code DIR/runs}), in the cache for remote folders.
     */
    static Path besideWork(URI work, Services services) {
        return ArtifactUris.isLocal(work) ? ArtifactUris.toPath(work).toAbsolutePath().getParent().resolve("runs")
                : services.cacheDir().resolve("runs");
    }

    /** Run records of a step writing into {@code out}: {@code out/runs}. */
    static Path inside(URI out, Services services) {
        return ArtifactUris.isLocal(out) ? ArtifactUris.toPath(out).toAbsolutePath().resolve("runs")
                : services.cacheDir().resolve("runs");
    }

    static <T> T child(RunTracker tracker, String parentRunId, String name, Function<TrackedRun, T> body) {
        TrackedRun run = tracker.startChildRun(parentRunId, name);
        return finish(tracker, run, body);
    }

    /**
     * Starts a retrain's parent run and fills it in with {@code body}; the run stays RUNNING for the later steps, unless
     * {@code body} fails: then no step can find it (prep records its id last), so it ends FAILED here.
     */
    static <T> T parent(RunTracker tracker, String experimentId, String name, Function<TrackedRun, T> body) {
        TrackedRun run = tracker.startRun(experimentId, name);
        try {
            return body.apply(run);
        } catch (RuntimeException | Error e) {
            endQuietly(tracker, run, e);
            throw e;
        }
    }

    /** The data set of a retrain as an MLflow dataset input: named by its folder, digest its content hash. */
    static DatasetInput dataset(String data, String contentHash, String context) {
        return DatasetInput.of(URI.create(data), contentHash, context);
    }

    static <T> T finish(RunTracker tracker, TrackedRun run, Function<TrackedRun, T> body) {
        try {
            T result = body.apply(run);
            tracker.endRun(run.runId(), RunStatus.FINISHED);
            return result;
        } catch (RuntimeException | Error e) {
            endQuietly(tracker, run, e);
            throw e;
        }
    }

    private static void endQuietly(RunTracker tracker, TrackedRun run, Throwable failure) {
        try {
            tracker.endRun(run.runId(), RunStatus.FAILED);
        } catch (RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    /** The whole configuration as MLflow params (one per field). */
    static Map<String, Object> params(TrainingConfig config) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (var component : TrainingConfig.class.getRecordComponents()) {
            try {
                params.put(component.getName(), component.getAccessor().invoke(config));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return params;
    }

    /** An exception out of a tracker's try-with-resources as the unchecked one a step throws. */
    static RuntimeException rethrow(Exception e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }

    /** The doctor's kind as flags, parameters and docs spell it: pretrained, pretext, labelled. */
    static String doctorName(io.stereotype.core.model.DoctorKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    static String codeVersion() {
        String version = Runs.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}

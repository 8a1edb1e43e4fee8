package io.stereotype.trainer;

import io.stereotype.core.train.TrainingConfig;
import io.stereotype.mlops.storage.ArtifactUris;
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
 * step returns and FAILED when it throws, so MLflow never shows a run stuck in RUNNING.
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

    static <T> T finish(RunTracker tracker, TrackedRun run, Function<TrackedRun, T> body) {
        try {
            T result = body.apply(run);
            tracker.endRun(run.runId(), RunStatus.FINISHED);
            return result;
        } catch (RuntimeException | Error e) {
            try {
                tracker.endRun(run.runId(), RunStatus.FAILED);
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
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

    static String codeVersion() {
        String version = Runs.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}

package io.stereotype.mlops.tracking;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Records training runs: one parent run per pipeline execution, one child run per trained network
 * ({@code doctor}, {@code master-2}, {@code bachelor-2-1}) and one for {@code evaluation}. Runs are
 * referred to by id so that steps in different processes can share them.
 *
 * <p>Every run a tracker starts carries the tags of the tracker's {@link RunOrigin} (user, source, orchestrator).
 *
 * <p>Parameter values longer than {@link TrackingLimits#MAX_PARAM_VALUE_LENGTH} and tag values longer
 * than {@link TrackingLimits#MAX_TAG_VALUE_LENGTH} are truncated, as MLflow would reject them.
 */
public interface RunTracker extends AutoCloseable {
    /** The tag MLflow uses to nest a run under its parent. */
    String PARENT_RUN_ID_TAG = "mlflow.parentRunId";

    /** The id of the experiment with this name, created if missing. */
    default String experiment(String name) {
        return experiment(name, null);
    }

    /**
     * The id of the experiment with this name, created if missing.
     *
     * @param artifactLocation where a newly created experiment stores artifacts (e.g. {@code s3://bucket/path});
     *                         null for the tracker's default. Ignored when the experiment exists.
     */
    String experiment(String name, URI artifactLocation);

    TrackedRun startRun(String experimentId, String runName);

    /** A run in the parent's experiment, tagged {@value #PARENT_RUN_ID_TAG} with the parent's id. */
    TrackedRun startChildRun(String parentRunId, String runName);

    /** Logs every entry (values as {@code String.valueOf}), e.g. a whole training configuration. */
    void logParams(String runId, Map<String, ?> params);

    /** Logs metric values; sent in as few requests as the server allows. */
    void logMetrics(String runId, List<Metric> metrics);

    default void logMetric(String runId, String key, double value, long step) {
        logMetrics(runId, List.of(Metric.of(key, value, step)));
    }

    void setTags(String runId, Map<String, String> tags);

    /**
     * Stores a local file or folder among the run's artifacts, at {@code artifactPath} (e.g.
     * {@code "model"} or {@code "report.json"}), replacing what was there.
     */
    void uploadArtifact(String runId, Path source, String artifactPath);

    /** Records a data set the run used (MLflow's dataset inputs: the UI's Dataset column). */
    void logDataset(String runId, DatasetInput dataset);

    /** Sets the run's status and end time; ending a run that already has this status changes nothing. */
    void endRun(String runId, RunStatus status);

    /** The runs started with {@link #startChildRun} under this parent. */
    List<RunRecord> childRuns(String parentRunId);

    RunRecord getRun(String runId);
}

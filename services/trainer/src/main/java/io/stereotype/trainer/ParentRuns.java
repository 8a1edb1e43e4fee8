package io.stereotype.trainer;

import io.stereotype.mlops.mlflow.MlflowException;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.ArtifactUris;
import io.stereotype.mlops.tracking.RunRecord;
import io.stereotype.mlops.tracking.RunStatus;
import io.stereotype.mlops.tracking.RunTracker;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Ends a retrain's parent run when the retrain ends: FINISHED after its last step, FAILED when a step failed,
 * KILLED when the execution was killed. Prep opens the run; the flow's {@code errors}/{@code finally} tasks
 * ({@code end-run}) or {@code pipeline} itself end it, so MLflow shows the retrain's duration and outcome.
 */
@ApplicationScoped
public class ParentRuns {
    private static final Logger LOG = Logger.getLogger(ParentRuns.class);
    private final Services services;

    public ParentRuns(Services services) {
        this.services = services;
    }

    /**
     * Ends the parent run ({@code runId}, or the one in the work folder's prep.json) with {@code status}. Child
     * runs still RUNNING end KILLED: the retrain is over, so their process is gone (a killed container ends no run).
     * Calling again is harmless: the status given last is the run's, and the same status changes nothing.
     */
    public OutputLine end(URI work, RunStatus status, String runId) {
        if (status == RunStatus.RUNNING) {
            throw new ExitCodes.UsageException("--status must be FINISHED, FAILED or KILLED: a run cannot be ended RUNNING");
        }
        String parent = runId != null && !runId.isBlank() ? runId : recordedParent(work);
        if (parent == null) {
            LOG.infof("no parent run to end: %s has no %s (prep never started a retrain run)", work, Prep.FILE);
            return new OutputLine().output("ended", false).output("status", status.name());
        }
        try (RunTracker tracker = services.tracker(Runs.besideWork(work, services))) {
            RunRecord run;
            try {
                run = existing(tracker, parent);
            } catch (ArtifactNotFoundException e) {
                // without MLflow, a step in another container kept its run records in that container's cache
                LOG.warnf("no parent run to end: run %s is not among the local run records here (%s)", parent, e.getMessage());
                return new OutputLine().output("ended", false).output("parentRunId", parent).output("status", status.name());
            }
            RunStatus before = run.status();
            List<String> killed = tracker.childRuns(parent).stream().filter(child -> child.status() == RunStatus.RUNNING)
                    .map(child -> child.run().runId()).toList();
            for (String child : killed) {
                tracker.endRun(child, RunStatus.KILLED);
            }
            tracker.endRun(parent, status);
            LOG.infof("parent run %s ended %s (was %s)%s", parent, status, before,
                    killed.isEmpty() ? "" : "; child runs still running ended KILLED: " + killed);
            return new OutputLine().output("ended", true).output("parentRunId", parent).output("status", status.name())
                    .output("previousStatus", before.name()).output("killedChildRuns", killed);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The parent run prep recorded, or null when prep never got to write its record. */
    private String recordedParent(URI work) {
        if (!services.store(work).exists(ArtifactUris.resolve(work, Prep.FILE))) {
            return null;
        }
        return new WorkFolder(work, services).readPrep().parentRunId();
    }

    private static RunRecord existing(RunTracker tracker, String runId) {
        try {
            return tracker.getRun(runId);
        } catch (MlflowException e) {
            if (e.statusCode() == 404 || MlflowException.RESOURCE_DOES_NOT_EXIST.equals(e.errorCode())) {
                throw new ExitCodes.UsageException("MLflow has no run " + runId + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }
}

package io.stereotype.mlops.tracking;

/** Lifecycle states of a run, named as in MLflow. */
public enum RunStatus {
    RUNNING, FINISHED, FAILED, KILLED
}

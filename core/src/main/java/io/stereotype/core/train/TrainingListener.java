package io.stereotype.core.train;

/** Receives progress of long training work (per-epoch losses go to MLflow, steps to progress bars). */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() { };

    /** Called after each optimisation step. */
    default void onStep(String network, int epoch, int step, int stepsPerEpoch, float loss) {
    }

    /**
     * Called after each image a training set reads before training starts: preparing a set reads
     * every image, reopening a prepared one only the images it keeps in memory.
     */
    default void onImageRead(int done, int total) {
    }

    /** Called at the end of each epoch with the epoch's mean losses. */
    default void onEpoch(String network, int epoch, int epochs, EpochLosses losses) {
    }

    /** Called once a network finished training, with whether it learned (before anything is written). */
    default void onHealth(TrainingHealth health) {
    }
}

package io.stereotype.trainer;

import io.stereotype.core.train.TrainingConfig;

/**
 * {@code W/prep.json}: what the first step decided for every later one of the same retrain, so that
 * steps in other containers train on the same data with the same configuration and join the same
 * parent run.
 */
public record Prep(int formatVersion, String data, String datasetHash, int trainImages, int testImages,
                   TrainingConfig config, String experiment, String parentRunId, String createdAt) {
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "prep.json";
}

package io.stereotype.core.train;

import io.stereotype.core.model.TrainedNetwork;

/** A trained network and the mean losses of its last epoch. */
public record TrainingResult(TrainedNetwork network, EpochLosses lastEpoch) {
}

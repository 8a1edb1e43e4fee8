package io.stereotype.core.train;

/**
 * How long and in what steps one network is optimised.
 *
 * @param epochs        passes over the training set
 * @param stepsPerEpoch optimisation steps per epoch
 * @param batchSize     patches per step
 * @param learningRate  Adam learning rate
 */
public record Schedule(int epochs, int stepsPerEpoch, int batchSize, float learningRate) {
    public Schedule {
        if (epochs < 1 || stepsPerEpoch < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("invalid schedule: " + epochs + " epochs of " + stepsPerEpoch
                    + " steps of " + batchSize + " patches at learning rate " + learningRate);
        }
    }
}

package io.stereotype.core.train;

/**
 * Mean losses over one epoch. For students {@code regression} is L_d and {@code compactness} L_p;
 * for the doctor {@code regression} holds the cross-entropy. {@code images} counts the patches or
 * crops the epoch ran, {@code positions} the descriptors it trained on (equal for patch sampling).
 */
public record EpochLosses(double loss, double regression, double compactness, double seconds, long images,
                          long positions) {

    public double imagesPerSecond() {
        return images / seconds;
    }

    public double positionsPerSecond() {
        return positions / seconds;
    }
}

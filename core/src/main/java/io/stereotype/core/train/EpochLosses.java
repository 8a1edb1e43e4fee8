package io.stereotype.core.train;

/**
 * Mean losses over one epoch. For students {@code regression} is L_d and {@code compactness} L_p;
 * for the doctor {@code regression} holds the cross-entropy.
 */
public record EpochLosses(double loss, double regression, double compactness, double seconds) {
}

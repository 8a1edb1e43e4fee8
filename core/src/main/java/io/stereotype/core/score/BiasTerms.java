package io.stereotype.core.score;

/**
 * The three anomaly-score terms of the paper at every position of a descriptor grid: inference bias
 * (Eq. 7), delivery bias (Eq. 8) and peer bias (Eq. 9), each row-major {@code width x height}.
 */
public record BiasTerms(int width, int height, float[] inference, float[] delivery, float[] peer) {
    public static final String[] NAMES = {"inference", "delivery", "peer"};

    public float[] term(int index) {
        return switch (index) {
            case 0 -> inference;
            case 1 -> delivery;
            case 2 -> peer;
            default -> throw new IllegalArgumentException("no bias term " + index);
        };
    }
}

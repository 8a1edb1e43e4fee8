package io.stereotype.core.model;

/**
 * How a network's training ended, kept in its network folder so that every later step (the
 * report above all) can tell a network that learned from one that stalled: the first epoch's mean
 * loss, the last epoch's mean losses, and the training-health verdict. For the doctor
 * {@code regression} holds its cross-entropy and {@code compactness} its added L_p.
 *
 * @param firstLoss       mean total loss of the first epoch
 * @param loss            mean total loss of the last epoch
 * @param regression      a student's last standardised regression loss L_d (1.0 is predicting the teacher's mean)
 * @param regressionFloor the lowest L_d the student's network can reach against its teacher (0 when it can
 *                        reproduce its teacher, and in folders written before it was recorded)
 * @param compactness     the last compactness loss L_p
 * @param problem         null when the network learned, else why it counts as stalled, in words
 */
public record TrainingSummary(double firstLoss, double loss, double regression, double regressionFloor, double compactness,
                              String problem) {
    /**
     * A student whose standardised regression ends this share of the way from its floor to 1.0 (predicting
     * the teacher's mean) or further explains almost none of what it can learn of its teacher: stalled.
     */
    public static final double MAX_STUDENT_REGRESSION = 0.9;
    /** A network whose last epoch's loss did not come this share of the way from its first epoch's to its floor did not learn: stalled. */
    public static final double MIN_DROP = 0.1;

    /** The regression at or above which a student with this floor counts as stalled ({@link #MAX_STUDENT_REGRESSION} at floor 0). */
    public static double stalledRegression(double floor) {
        return floor + MAX_STUDENT_REGRESSION * (1 - floor);
    }

    public boolean stalled() {
        return problem != null;
    }
}

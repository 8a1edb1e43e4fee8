package io.stereotype.core.model;

/**
 * How a network's training ended, kept in its network folder so that every later step (the
 * report above all) can tell a network that learned from one that stalled: the first epoch's mean
 * loss, the last epoch's mean losses, and the training-health verdict. For the doctor
 * {@code regression} holds its cross-entropy and {@code compactness} its added L_p.
 *
 * @param firstLoss   mean total loss of the first epoch
 * @param loss        mean total loss of the last epoch
 * @param regression  a student's last standardised regression loss L_d (1.0 is predicting the teacher's mean)
 * @param compactness the last compactness loss L_p
 * @param problem     null when the network learned, else why it counts as stalled, in words
 */
public record TrainingSummary(double firstLoss, double loss, double regression, double compactness, String problem) {
    /** A student whose standardised regression ends at this or more explains almost none of its teacher: stalled. */
    public static final double MAX_STUDENT_REGRESSION = 0.9;
    /** A network whose last epoch's loss is not at least this share below its first epoch's did not learn: stalled. */
    public static final double MIN_DROP = 0.1;

    public boolean stalled() {
        return problem != null;
    }
}

package io.stereotype.core.train;

import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainingSummary;
import java.util.Locale;

/**
 * Whether a network learned: a dead or collapsed network keeps its loss where it started. Two
 * signs, from the per-epoch mean losses:
 * <ul>
 *   <li>the total loss of the last epoch is not at least {@link TrainingSummary#MIN_DROP} of the way from the first
 *       epoch's to its floor (any network trained for more than one epoch; the floor is 0, or mu times the
 *       regression floor below for a student that cannot reproduce its teacher);</li>
 *   <li>a student's standardised regression loss ends {@link TrainingSummary#MAX_STUDENT_REGRESSION} of the way
 *       from its floor to 1.0 or further ({@link TrainingSummary#stalledRegression}): 1.0 is what predicting the
 *       teacher's mean gives, the floor the lowest its network can reach against that teacher (0 for a
 *       teacher of its own family, {@link Teacher#regressionFloor}), so such a student explains almost none of
 *       what it can learn of its teacher and its bias terms are mostly noise.</li>
 * </ul>
 *
 * @param regressionFloor the lowest standardised regression loss the student's network can reach (0 for the doctor)
 * @param problem         null when healthy, else what is wrong, in words
 */
public record TrainingHealth(String network, double firstLoss, double lastLoss, double lastRegression, double regressionFloor,
                             String problem) {

    public boolean stalled() {
        return problem != null;
    }

    /**
     * The verdict on a network's first and last epochs ({@code first == last} after one epoch), for a
     * student whose network cannot go below {@code regressionFloor} against its teacher, trained with the
     * mixed loss {@code mu} L_d + (1 - mu) L_p (whose floor is then mu times the regression floor).
     */
    public static TrainingHealth of(NetworkId id, EpochLosses first, EpochLosses last, int epochs, double regressionFloor,
                                    double mu) {
        String problem = null;
        double lossFloor = mu * regressionFloor;
        double stalledAt = TrainingSummary.stalledRegression(regressionFloor);
        if (id.role() != NetworkId.Role.DOCTOR && last.regression() >= stalledAt) {
            problem = String.format(Locale.ROOT, "its standardised regression loss ended at %.3f (>= %.3f: it explains"
                    + " almost none of its teacher; 1.0 is predicting the mean%s)", last.regression(), stalledAt,
                    regressionFloor > 0 ? String.format(Locale.ROOT, ", %.3f the lowest its network can reach", regressionFloor) : "");
        } else if (epochs > 1 && last.loss() - lossFloor > (1 - TrainingSummary.MIN_DROP) * (first.loss() - lossFloor)) {
            problem = String.format(Locale.ROOT, "its loss did not drop: %.4f in epoch 1, %.4f in epoch %d%s", first.loss(),
                    last.loss(), epochs, lossFloor > 0 ? String.format(Locale.ROOT, " (less than %.0f%% of the way to %.4f, the"
                            + " lowest its network can reach)", 100 * TrainingSummary.MIN_DROP, lossFloor) : "");
        }
        return new TrainingHealth(id.name(), first.loss(), last.loss(), last.regression(), regressionFloor, problem);
    }

    /** The verdict on a network that can reproduce its teacher, or on the doctor. */
    public static TrainingHealth of(NetworkId id, EpochLosses first, EpochLosses last, int epochs) {
        return of(id, first, last, epochs, 0, 1);
    }

    /**
     * How much of what it can learn of its teacher a student learned: 1 at its floor, 0 at predicting the
     * teacher's mean.
     */
    public double learnedShare() {
        return (1 - lastRegression) / (1 - regressionFloor);
    }

    /** One line for logs. */
    public String describe() {
        if (stalled()) {
            return network + " stalled: " + problem;
        }
        String learned = String.format(Locale.ROOT, "%s learned: loss %.4f -> %.4f", network, firstLoss, lastLoss);
        return regressionFloor > 0 ? learned + String.format(Locale.ROOT, ", regression %.3f against a floor of %.3f its"
                + " network cannot go below (%.0f%% of the way from 1.0 to it)", lastRegression, regressionFloor, 100 * learnedShare())
                : learned;
    }

    /** What the network folder keeps of this verdict, with the last epoch's losses. */
    public TrainingSummary summary(EpochLosses last) {
        return new TrainingSummary(firstLoss, lastLoss, lastRegression, regressionFloor, last.compactness(), problem);
    }

    /** Records a network's first and last epochs while passing everything on. */
    static final class Monitor extends ForwardingListener {
        private EpochLosses first;
        private EpochLosses last;
        private int epochs;

        Monitor(TrainingListener next) {
            super(next);
        }

        @Override
        public void onEpoch(String network, int epoch, int totalEpochs, EpochLosses losses) {
            if (first == null) {
                first = losses;
            }
            last = losses;
            epochs = epoch;
            super.onEpoch(network, epoch, totalEpochs, losses);
        }

        /**
         * The verdict on a network whose regression cannot go below {@code regressionFloor} (under the mixed
         * loss's {@code mu}), told to the listener; with {@code failOnStalled} a stalled network is a TrainingException.
         */
        TrainingHealth verdict(NetworkId id, boolean failOnStalled, double regressionFloor, double mu) {
            TrainingHealth health = of(id, first, last, epochs, regressionFloor, mu);
            onHealth(health);
            if (health.stalled() && failOnStalled) {
                throw new TrainingException("training of " + health.describe() + "; nothing was exported (failOnStalled is set:"
                        + " raise the learning rate or the epochs, or check the teacher)");
            }
            return health;
        }
    }

    /** Keeps the verdict a trainer told, while passing everything on, for whoever writes the network's folder. */
    public static final class Recorder extends ForwardingListener {
        private TrainingHealth verdict;

        public Recorder(TrainingListener next) {
            super(next);
        }

        @Override
        public void onHealth(TrainingHealth health) {
            verdict = health;
            super.onHealth(health);
        }

        /** The summary of the network trained under this listener, whose last epoch was {@code last}. */
        public TrainingSummary summary(EpochLosses last) {
            if (verdict == null) {
                throw new IllegalStateException("no training-health verdict was told to this listener");
            }
            return verdict.summary(last);
        }
    }
}

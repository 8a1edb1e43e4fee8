package io.stereotype.core.train;

import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainingSummary;
import java.util.Locale;

/**
 * Whether a network learned: a dead or collapsed network keeps its loss where it started. Two
 * signs, from the per-epoch mean losses:
 * <ul>
 *   <li>the total loss of the last epoch is not at least {@link TrainingSummary#MIN_DROP} below the first epoch's
 *       (any network trained for more than one epoch);</li>
 *   <li>a student's standardised regression loss ends at {@link TrainingSummary#MAX_STUDENT_REGRESSION} or more:
 *       1.0 is what predicting the teacher's mean gives, so such a student explains almost none of
 *       its teacher and its bias terms are mostly noise.</li>
 * </ul>
 *
 * @param problem null when healthy, else what is wrong, in words
 */
public record TrainingHealth(String network, double firstLoss, double lastLoss, double lastRegression, String problem) {

    public boolean stalled() {
        return problem != null;
    }

    /** The verdict on a network's first and last epochs ({@code first == last} after one epoch). */
    public static TrainingHealth of(NetworkId id, EpochLosses first, EpochLosses last, int epochs) {
        String problem = null;
        if (id.role() != NetworkId.Role.DOCTOR && last.regression() >= TrainingSummary.MAX_STUDENT_REGRESSION) {
            problem = String.format(Locale.ROOT, "its standardised regression loss ended at %.3f (>= %.1f: it explains"
                    + " almost none of its teacher; 1.0 is predicting the mean)", last.regression(),
                    TrainingSummary.MAX_STUDENT_REGRESSION);
        } else if (epochs > 1 && last.loss() > (1 - TrainingSummary.MIN_DROP) * first.loss()) {
            problem = String.format(Locale.ROOT, "its loss did not drop: %.4f in epoch 1, %.4f in epoch %d", first.loss(),
                    last.loss(), epochs);
        }
        return new TrainingHealth(id.name(), first.loss(), last.loss(), last.regression(), problem);
    }

    /** One line for logs. */
    public String describe() {
        return stalled() ? network + " stalled: " + problem
                : String.format(Locale.ROOT, "%s learned: loss %.4f -> %.4f", network, firstLoss, lastLoss);
    }

    /** What the network folder keeps of this verdict, with the last epoch's losses. */
    public TrainingSummary summary(EpochLosses last) {
        return new TrainingSummary(firstLoss, lastLoss, lastRegression, last.compactness(), problem);
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

        /** The verdict, told to the listener; with {@code failOnStalled} a stalled network is a TrainingException. */
        TrainingHealth verdict(NetworkId id, boolean failOnStalled) {
            TrainingHealth health = of(id, first, last, epochs);
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

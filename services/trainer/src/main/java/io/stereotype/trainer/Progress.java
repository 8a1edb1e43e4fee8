package io.stereotype.trainer;

import io.stereotype.core.train.EpochLosses;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.mlops.tracking.Metric;
import io.stereotype.mlops.tracking.RunTracker;
import java.io.Console;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Reports training as it goes: a log line per epoch with losses and the time left, a live bar when
 * a person watches a terminal, and per-epoch loss metrics to the network's run.
 */
final class Progress implements TrainingListener {
    private static final Logger LOG = Logger.getLogger(Progress.class);
    private final RunTracker tracker;
    private final String runId;
    private final String firstLossName;
    private final Console console = System.console();
    private long startNanos;
    private double lastLoss = Double.NaN;

    /** @param firstLossName metric name of the first loss part (regression for students, cross-entropy for the doctor) */
    Progress(RunTracker tracker, String runId, String firstLossName) {
        this.tracker = tracker;
        this.runId = runId;
        this.firstLossName = firstLossName;
    }

    @Override
    public void onStep(String network, int epoch, int step, int stepsPerEpoch, float loss) {
        if (startNanos == 0) {
            startNanos = System.nanoTime();
        }
        if (console != null && console.isTerminal()) {
            console.printf("\r%-14s epoch %d  step %d/%d  loss %.4f ", network, epoch, step, stepsPerEpoch, loss).flush();
        }
    }

    @Override
    public void onEpoch(String network, int epoch, int epochs, EpochLosses losses) {
        lastLoss = losses.loss();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        Duration left = Duration.ofSeconds(Math.round(elapsed / epoch * (epochs - epoch)));
        if (console != null && console.isTerminal()) {
            console.printf("\r").flush();
        }
        LOG.info(String.format(Locale.ROOT, "%s epoch %d/%d loss %.5f (%s %.5f, compactness %.5f) %.1fs, ETA %s", network, epoch, epochs,
                losses.loss(), firstLossName, losses.regression(), losses.compactness(), losses.seconds(), format(left)));
        tracker.logMetrics(runId, List.of(Metric.of("loss", losses.loss(), epoch),
                Metric.of("loss_" + firstLossName, losses.regression(), epoch),
                Metric.of("loss_compactness", losses.compactness(), epoch),
                Metric.of("epoch_seconds", losses.seconds(), epoch)));
    }

    /** Mean loss of the last finished epoch. */
    double lastLoss() {
        return lastLoss;
    }

    private static String format(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}

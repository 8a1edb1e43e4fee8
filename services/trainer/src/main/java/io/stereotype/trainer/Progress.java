package io.stereotype.trainer;

import io.stereotype.core.train.EpochLosses;
import io.stereotype.core.train.TrainingHealth;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.mlops.tracking.Metric;
import io.stereotype.mlops.tracking.RunTracker;
import java.io.Console;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reports training as it goes: a log line per epoch with losses and the time left, a live bar when
 * a person watches a terminal, per-epoch loss and throughput metrics to the network's run, and
 * whether the network learned (tag {@code training_health}, metric {@code stalled}).
 */
final class Progress implements TrainingListener {
    private static final Logger LOG = Logger.getLogger(Progress.class);
    private final RunTracker tracker;
    private final String runId;
    private final String firstLossName;
    private final Console console = System.console();
    private long startNanos;

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
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        Duration left = Duration.ofSeconds(Math.round(elapsed / epoch * (epochs - epoch)));
        if (console != null && console.isTerminal()) {
            console.printf("\r").flush();
        }
        LOG.info(String.format(Locale.ROOT, "%s epoch %d/%d loss %.5f (%s %.5f, compactness %.5f) %.1fs, %.1f images/s,"
                        + " %.0f positions/s, ETA %s", network, epoch, epochs, losses.loss(), firstLossName, losses.regression(),
                losses.compactness(), losses.seconds(), losses.imagesPerSecond(), losses.positionsPerSecond(), format(left)));
        tracker.logMetrics(runId, List.of(Metric.of("loss", losses.loss(), epoch),
                Metric.of("loss_" + firstLossName, losses.regression(), epoch),
                Metric.of("loss_compactness", losses.compactness(), epoch),
                Metric.of("epoch_seconds", losses.seconds(), epoch),
                Metric.of("images_per_second", losses.imagesPerSecond(), epoch),
                Metric.of("positions_per_second", losses.positionsPerSecond(), epoch)));
    }

    /**
     * A network that did not learn is a warning in the log, and a tag and metric of its run; the lowest
     * regression its network can reach against its teacher is a metric beside the per-epoch losses.
     */
    @Override
    public void onHealth(TrainingHealth health) {
        if (health.stalled()) {
            LOG.warn(health.describe());
        } else {
            LOG.info(health.describe());
        }
        tracker.setTags(runId, Map.of("training_health", health.stalled() ? "stalled" : "ok"));
        tracker.logMetrics(runId, List.of(Metric.of("stalled", health.stalled() ? 1 : 0, 0),
                Metric.of("regression_floor", health.regressionFloor(), 0)));
    }

    private static String format(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}

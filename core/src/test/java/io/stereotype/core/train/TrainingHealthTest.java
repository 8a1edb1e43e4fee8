package io.stereotype.core.train;

import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainingSummary;
import io.stereotype.core.model.TrainedNetwork;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingHealthTest {

    @Test
    void aStudentThatExplainsItsTeacherIsHealthy() {
        TrainingHealth health = TrainingHealth.of(NetworkId.master(1), losses(1.2, 1.1), losses(0.3, 0.25), 20);
        assertFalse(health.stalled());
        assertNull(health.problem());
    }

    @Test
    void aStudentNearTheMeanPredictorStalledEvenIfItsLossDropped() {
        TrainingHealth health = TrainingHealth.of(NetworkId.bachelor(2, 1), losses(3.0, 3.0), losses(0.95, 0.93), 20);
        assertTrue(health.stalled());
        assertTrue(health.problem().contains("ended at 0.930"), health.problem());
    }

    @Test
    void aNetworkWhoseLossDidNotDropStalled() {
        TrainingHealth health = TrainingHealth.of(NetworkId.DOCTOR, losses(1.38, 1.38), losses(1.35, 1.35), 20);
        assertTrue(health.stalled());
        assertTrue(health.problem().contains("did not drop: 1.3800 in epoch 1, 1.3500 in epoch 20"), health.problem());
        // one epoch: nothing to compare, and the doctor's cross-entropy has no absolute scale
        assertFalse(TrainingHealth.of(NetworkId.DOCTOR, losses(1.38, 1.38), losses(1.38, 1.38), 1).stalled());
    }

    @Test
    void theMonitorTellsTheListenerAndFailsOnlyWhenAsked() {
        List<TrainingHealth> told = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onHealth(TrainingHealth health) {
                told.add(health);
            }
        };
        TrainingHealth.Monitor monitor = new TrainingHealth.Monitor(listener);
        monitor.onEpoch("master-1", 1, 2, losses(1.0, 1.0));
        monitor.onEpoch("master-1", 2, 2, losses(0.99, 0.99));
        assertTrue(monitor.verdict(NetworkId.master(1), false).stalled());
        TrainingException e = assertThrows(TrainingException.class, () -> monitor.verdict(NetworkId.master(1), true));
        assertTrue(e.getMessage().startsWith("training of master-1 stalled"), e.getMessage());
        assertEquals(2, told.size());
    }

    @Test
    void theRecorderKeepsTheVerdictAsTheNetworkFolderSummaryAndPassesEverythingOn() {
        List<String> told = new ArrayList<>();
        TrainingHealth.Recorder recorder = new TrainingHealth.Recorder(new TrainingListener() {
            @Override
            public void onEpoch(String network, int epoch, int epochs, EpochLosses losses) {
                told.add("epoch " + epoch);
            }

            @Override
            public void onHealth(TrainingHealth health) {
                told.add("health " + health.network());
            }
        });
        EpochLosses last = new EpochLosses(0.99, 0.95, 0.04, 1.0, 64, 64);
        TrainingHealth.Monitor monitor = new TrainingHealth.Monitor(recorder);
        monitor.onEpoch("master-1", 1, 2, losses(1.0, 1.0));
        monitor.onEpoch("master-1", 2, 2, last);
        assertThrows(IllegalStateException.class, () -> recorder.summary(last), "no verdict yet");
        monitor.verdict(NetworkId.master(1), false);
        assertEquals(List.of("epoch 1", "epoch 2", "health master-1"), told);
        TrainingSummary summary = recorder.summary(last);
        assertEquals(1.0, summary.firstLoss());
        assertEquals(0.99, summary.loss());
        assertEquals(0.95, summary.regression());
        assertEquals(0.04, summary.compactness());
        assertTrue(summary.stalled());
        assertTrue(summary.problem().contains("regression loss ended at 0.950"), summary.problem());
    }

    private static EpochLosses losses(double loss, double regression) {
        return new EpochLosses(loss, regression, 0.01, 1.0, 64, 64);
    }
}

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
    void aStudentIsJudgedAgainstTheFloorItsNetworkCannotGoBelow() {
        // a floor of 0.7 moves the stalled line from 0.9 to 0.7 + 0.9 x 0.3 = 0.97
        assertEquals(0.97, TrainingSummary.stalledRegression(0.7), 1e-12);
        assertEquals(TrainingSummary.MAX_STUDENT_REGRESSION, TrainingSummary.stalledRegression(0));
        TrainingHealth learned = TrainingHealth.of(NetworkId.master(1), losses(1.1, 1.05), losses(0.86, 0.85), 20, 0.7, 0.9);
        assertFalse(learned.stalled(), learned.problem());
        assertEquals(0.5, learned.learnedShare(), 1e-12);
        assertEquals("master-1 learned: loss 1.1000 -> 0.8600, regression 0.850 against a floor of 0.700 its network cannot go"
                + " below (50% of the way from 1.0 to it)", learned.describe());
        TrainingHealth stalled = TrainingHealth.of(NetworkId.master(1), losses(1.3, 1.05), losses(0.98, 0.975), 20, 0.7, 0.9);
        assertTrue(stalled.stalled());
        assertTrue(stalled.problem().contains("ended at 0.975 (>= 0.970: it explains almost none of its teacher; 1.0 is predicting"
                + " the mean, 0.700 the lowest its network can reach)"), stalled.problem());
    }

    @Test
    void aStudentsLossMustDropTowardsItsFloorNotTowardsZero() {
        // 0.92 -> 0.83 is a drop of under 10 %, but 17 % of the way to mu x floor = 0.9 x 0.44 = 0.396
        EpochLosses first = losses(0.92, 0.95);
        EpochLosses last = losses(0.83, 0.88);
        assertTrue(TrainingHealth.of(NetworkId.master(1), first, last, 10).stalled());
        assertFalse(TrainingHealth.of(NetworkId.master(1), first, last, 10, 0.44, 0.9).stalled());
        TrainingHealth flat = TrainingHealth.of(NetworkId.master(1), first, losses(0.90, 0.94), 10, 0.44, 0.9);
        assertEquals("its loss did not drop: 0.9200 in epoch 1, 0.9000 in epoch 10 (less than 10% of the way to 0.3960, the lowest"
                + " its network can reach)", flat.problem());
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
        assertTrue(monitor.verdict(NetworkId.master(1), false, 0, 1).stalled());
        TrainingException e = assertThrows(TrainingException.class, () -> monitor.verdict(NetworkId.master(1), true, 0, 1));
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
        monitor.verdict(NetworkId.master(1), false, 0.5, 0.9);
        assertEquals(List.of("epoch 1", "epoch 2", "health master-1"), told);
        TrainingSummary summary = recorder.summary(last);
        assertEquals(1.0, summary.firstLoss());
        assertEquals(0.99, summary.loss());
        assertEquals(0.95, summary.regression());
        assertEquals(0.04, summary.compactness());
        assertEquals(0.5, summary.regressionFloor());
        assertTrue(summary.stalled());
        assertTrue(summary.problem().contains("regression loss ended at 0.950 (>= 0.950"), summary.problem());
    }

    private static EpochLosses losses(double loss, double regression) {
        return new EpochLosses(loss, regression, 0.01, 1.0, 64, 64);
    }
}

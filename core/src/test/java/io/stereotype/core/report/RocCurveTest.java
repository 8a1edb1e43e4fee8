package io.stereotype.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stereotype.core.metrics.Auroc;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RocCurveTest {

    @Test
    void tiedScoresMoveBothRatesInOneStep() {
        RocCurve curve = RocCurve.of(new double[] {0.9, 0.5, 0.5, 0.1}, new boolean[] {true, true, false, false});
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, curve.falsePositiveRates());
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, curve.truePositiveRates());
    }

    @Test
    void areaUnderThePointsIsTheAuroc() {
        Random random = new Random(5);
        double[] scores = new double[300];
        boolean[] anomalous = new boolean[300];
        for (int i = 0; i < scores.length; i++) {
            anomalous[i] = random.nextBoolean();
            scores[i] = Math.round((random.nextGaussian() + (anomalous[i] ? 1 : 0)) * 4) / 4.0; // many ties
        }
        RocCurve curve = RocCurve.of(scores, anomalous);
        double area = 0;
        for (int i = 1; i < curve.falsePositiveRates().length; i++) {
            area += (curve.falsePositiveRates()[i] - curve.falsePositiveRates()[i - 1])
                    * (curve.truePositiveRates()[i] + curve.truePositiveRates()[i - 1]) / 2;
        }
        assertEquals(Auroc.compute(scores, anomalous), area, 1e-12);
    }

    @Test
    void needsBothClasses() {
        var error = assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new double[] {1, 2}, new boolean[] {true, true}));
        assertEquals("a ROC curve needs normal and anomalous images, got 0 normal and 2 anomalous", error.getMessage());
    }
}

package io.stereotype.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsCalculatorTest {

    private static final double[] SCORES = {0.2, 0.9, 0.4};
    private static final boolean[] LABELS = {false, true, true};

    @Test
    void imageLevelOnlyDataHasNoPixelMetrics() {
        Metrics metrics = MetricsCalculator.compute(SCORES, LABELS, null, null, null);
        assertEquals(1.0, metrics.imageAuroc());
        assertNull(metrics.pixelAuroc());
        assertNull(metrics.aupro());
        assertEquals(1.0, metrics.f1Max());
        assertEquals(0.4, metrics.threshold());
    }

    @Test
    void pixelMetricsComeFromMapsAndMasks() {
        List<float[]> maps = List.of(new float[] {0.1f, 0.2f}, new float[] {0.9f, 0.3f}, new float[] {0.15f, 0.8f});
        List<boolean[]> masks = List.of(new boolean[2], new boolean[] {true, false}, new boolean[] {false, true});
        List<int[]> sizes = List.of(new int[] {2, 1}, new int[] {2, 1}, new int[] {2, 1});
        Metrics metrics = MetricsCalculator.compute(SCORES, LABELS, maps, masks, sizes);
        // anomalous pixels 0.9 and 0.8 outscore every normal one
        assertEquals(1.0, metrics.pixelAuroc());
        assertEquals(1.0, metrics.aupro(), 1e-12);
    }

    @Test
    void masksWithoutMapsAreAnError() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> MetricsCalculator.compute(SCORES, LABELS, null, List.of(new boolean[1]), null));
        assertEquals("ground-truth masks given without anomaly maps", error.getMessage());
    }
}

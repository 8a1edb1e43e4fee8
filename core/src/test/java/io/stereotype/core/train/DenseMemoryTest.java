package io.stereotype.core.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import org.junit.jupiter.api.Test;

class DenseMemoryTest {
    private static final NetworkSpec PAPER_64 = NetworkSpec.of(NetworkVariant.PAPER, 64, 3);

    @Test
    void countsEveryIntermediateMapOfTheDenseGraph() {
        // patch-32 paper net on one 32x32 crop at its pooling stride 4:
        // conv 4x4/64 -> 29x29x64, pool -> 14, conv 4x4/32 -> 11x11x32, pool -> 5, conv 4x4/16 -> 2x2x16,
        // conv 2x2/4 -> 1x1x4, projection 1x1x512
        NetworkSpec spec = NetworkSpec.of(NetworkVariant.PAPER, 32, 1);
        long values = 29 * 29 * 64 + 11 * 11 * 32 + 2 * 2 * 16 + 4 + 512;
        assertEquals(4 * values, DenseMemory.activationBytes(spec, 4, 32, 1));
        assertEquals(8 * 4 * values, DenseMemory.activationBytes(spec, 4, 32, 8));
    }

    @Test
    void aStepThatCannotFitIsAClearErrorNamingTheSettings() {
        long budget = 512L << 20;
        assertDoesNotThrow(() -> DenseMemory.check(PAPER_64, 8, 128, 8, budget));
        TrainingException e = assertThrows(TrainingException.class, () -> DenseMemory.check(PAPER_64, 8, 2048, 64, budget));
        assertTrue(e.getMessage().contains("64 crops of 2048x2048"), e.getMessage());
        assertTrue(e.getMessage().contains("only 512 MB can be used"), e.getMessage());
        assertTrue(e.getMessage().contains("--crop-size"), e.getMessage());
    }
}

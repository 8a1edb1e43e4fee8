package io.stereotype.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PretextCheckTest {
    @Test
    void aLossNearLnFourIsFlaggedWithTheRemedies() {
        // the isotropic stones texture of issue 14 ended at 1.12; 0.9 ln 4 = 1.248
        String warning = PretextCheck.warning(1.30).orElseThrow();
        assertTrue(warning.contains("1.300"), warning);
        assertTrue(warning.contains("ln 4 = 1.386"), warning);
        assertTrue(warning.contains("--doctor pretrained"), warning);
        assertTrue(warning.contains("--doctor-data"), warning);
        assertTrue(PretextCheck.warning(1.39).isPresent(), "at chance");
    }

    @Test
    void aLearntPretextIsNotFlagged() {
        assertEquals(Optional.empty(), PretextCheck.warning(0.2));
        assertEquals(Optional.empty(), PretextCheck.warning(1.12));
        assertEquals(Optional.empty(), PretextCheck.warning(0.9 * Math.log(4) - 1e-9));
        assertTrue(PretextCheck.warning(0.9 * Math.log(4) + 1e-6).isPresent());
    }

    @Test
    void aLossThatIsNotANumberIsFlagged() {
        assertTrue(PretextCheck.warning(Double.NaN).isPresent(), "a diverged doctor learnt nothing either");
    }
}

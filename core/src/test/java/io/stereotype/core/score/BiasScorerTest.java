package io.stereotype.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stereotype.core.infer.DescriptorMap;
import io.stereotype.core.model.BiasTerm;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.ScoreCalibration;
import io.stereotype.core.model.TreeShape;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Eq. 7-10 on a 1x1 grid of 2-d descriptors with two masters and one bachelor each, every value
 * worked out by hand. The descriptors are chosen so that a wrong pairing (a bachelor against the
 * other master, ordered or cross-grade peer pairs, the raw doctor) gives a different number.
 */
class BiasScorerTest {
    static final TreeShape TREE = new TreeShape(2, 1);
    static final NetworkId M1 = NetworkId.master(1);
    static final NetworkId M2 = NetworkId.master(2);
    static final NetworkId B11 = NetworkId.bachelor(1, 1);
    static final NetworkId B21 = NetworkId.bachelor(2, 1);

    // D = (3, 2.5) standardised by mean (1, 2), std (2, 0.5): D~ = (1, 1)
    // M1 = (1, 4), standardised by mean (1, 0), std (1, 2): M1~ = (0, 2)
    // M2 = (5, 4), standardised by mean (5, 0), std (1, 1): M2~ = (0, 4)
    // B11 = (3, 6), B21 = (0, 10)
    static BiasTerms terms() {
        BiasScorer scorer = new BiasScorer(TREE, Map.of(
                NetworkId.DOCTOR, new DescriptorStatistics(new float[] {1, 2}, new float[] {2, 0.5f}),
                M1, new DescriptorStatistics(new float[] {1, 0}, new float[] {1, 2}),
                M2, new DescriptorStatistics(new float[] {5, 0}, new float[] {1, 1})));
        Map<NetworkId, DescriptorMap> maps = new HashMap<>();
        maps.put(NetworkId.DOCTOR, one(3, 2.5f));
        maps.put(M1, one(1, 4));
        maps.put(M2, one(5, 4));
        maps.put(B11, one(3, 6));
        maps.put(B21, one(0, 10));
        return scorer.score(maps);
    }

    static DescriptorMap one(float a, float b) {
        return new DescriptorMap(1, 1, 2, new float[] {a, b});
    }

    @Test
    void inferenceBiasComparesEachMasterWithTheStandardisedDoctor() {
        // |D~ - M1| = |(1,1) - (1,4)| = 3; |D~ - M2| = |(1,1) - (5,4)| = 5 (the raw doctor would give 2.5 + 2.5)
        assertEquals(8f, terms().inference()[0], 1e-5f);
    }

    @Test
    void deliveryBiasComparesEachBachelorWithItsOwnStandardisedMasterOnly() {
        // |M1~ - B11| = |(0,2) - (3,6)| = 5; |M2~ - B21| = |(0,4) - (0,10)| = 6
        // (swapped masters would give |(0,4) - (3,6)| + |(0,2) - (0,10)| = sqrt(13) + 8)
        assertEquals(11f, terms().delivery()[0], 1e-5f);
    }

    @Test
    void peerBiasSumsEveryUnorderedPairWithinEachGradeOnce() {
        // masters |M1 - M2| = |(-4, 0)| = 4; bachelors |B11 - B21| = |(3, -4)| = 5; no normaliser (each pair once)
        assertEquals(9f, terms().peer()[0], 1e-5f);
    }

    @Test
    void totalIsTheRawSumOrTheSumOfStandardisedTerms() {
        BiasTerms terms = terms();
        ScoreCalibration raw = new ScoreCalibration(false, new double[] {2, 3, 1}, new double[] {2, 4, 2}, 0);
        assertArrayEquals(new float[] {28}, terms.total(raw), 1e-5f);
        ScoreCalibration standardised = new ScoreCalibration(true, new double[] {2, 3, 1}, new double[] {2, 4, 2}, 0);
        // (8 - 2) / 2 + (11 - 3) / 4 + (9 - 1) / 2
        assertArrayEquals(new float[] {3}, terms.calibrated(BiasTerm.INFERENCE, standardised), 1e-5f);
        assertArrayEquals(new float[] {2}, terms.calibrated(BiasTerm.DELIVERY, standardised), 1e-5f);
        assertArrayEquals(new float[] {4}, terms.calibrated(BiasTerm.PEER, standardised), 1e-5f);
        assertArrayEquals(new float[] {9}, terms.total(standardised), 1e-5f);
    }

    @Test
    void aMissingNetworkIsNamed() {
        BiasScorer scorer = new BiasScorer(new TreeShape(1, 1), Map.of(
                NetworkId.DOCTOR, new DescriptorStatistics(new float[] {0, 0}, new float[] {1, 1}),
                M1, new DescriptorStatistics(new float[] {0, 0}, new float[] {1, 1})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scorer.score(Map.of(NetworkId.DOCTOR, one(0, 0), M1, one(0, 0))));
        assertEquals("no descriptor map for bachelor-1-1", e.getMessage());
    }
}

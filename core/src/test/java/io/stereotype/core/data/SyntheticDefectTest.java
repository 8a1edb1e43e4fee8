package io.stereotype.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.core.image.FloatImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticDefectTest {

    private static final int SIZE = 64;
    private static final int SEEDS = 8;

    /** Largest change over the channels of pixel p. */
    private static float change(FloatImage clean, FloatImage defective, int p) {
        int channels = clean.channels();
        float largest = 0;
        for (int c = 0; c < channels; c++) {
            largest = Math.max(largest, Math.abs(defective.data()[p * channels + c] - clean.data()[p * channels + c]));
        }
        return largest;
    }

    @ParameterizedTest
    @EnumSource(value = SyntheticDefect.class, names = {"SCRATCH", "SPOT", "HOLE"})
    void masksExactlyThePixelsThatChangedAndEachChangeIsVisible(SyntheticDefect defect) {
        for (boolean grey : new boolean[] {true, false}) {
            for (String kind : ProceduralTexture.KINDS) {
                TextureSource texture = new ProceduralTexture(kind, SIZE, grey);
                for (int seed = 0; seed < SEEDS; seed++) {
                    Random rng = new Random(seed);
                    FloatImage clean = texture.next(rng);
                    DefectedImage defected = defect.apply(clean, rng);
                    int masked = 0;
                    for (int p = 0; p < SIZE * SIZE; p++) {
                        float change = change(clean, defected.image(), p);
                        if (defected.mask()[p]) {
                            masked++;
                            assertTrue(change >= SyntheticDefect.VISIBLE_DIFFERENCE,
                                    defect + " " + kind + " seed " + seed + ": masked pixel " + p + " changed only " + change);
                        } else {
                            assertEquals(0f, change, defect + " " + kind + " seed " + seed + ": unmasked pixel " + p + " changed");
                        }
                    }
                    assertTrue(masked > 0, defect + " " + kind + " seed " + seed + ": empty mask");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void stainMaskIsWhereTheSoftShiftBecomesVisible(boolean grey) {
        TextureSource texture = new ProceduralTexture("noise", SIZE, grey);
        for (int seed = 0; seed < SEEDS; seed++) {
            Random rng = new Random(seed);
            FloatImage clean = texture.next(rng);
            DefectedImage defected = SyntheticDefect.STAIN.apply(clean, rng);
            int masked = 0;
            int faintlyChanged = 0;
            for (int p = 0; p < SIZE * SIZE; p++) {
                float change = change(clean, defected.image(), p);
                assertEquals(defected.mask()[p], change >= SyntheticDefect.VISIBLE_DIFFERENCE, "pixel " + p + " changed " + change);
                masked += defected.mask()[p] ? 1 : 0;
                faintlyChanged += !defected.mask()[p] && change > 0 ? 1 : 0;
            }
            assertTrue(masked > 0, "seed " + seed + ": empty mask");
            // the edge is soft: a fringe changes by less than the visible amount
            assertTrue(faintlyChanged > 0, "seed " + seed + ": hard-edged stain");
        }
    }

    @Test
    void differentSeedsPutDefectsInDifferentPlaces() {
        FloatImage clean = new ProceduralTexture("wood", SIZE, true).next(new Random(0));
        boolean[] first = SyntheticDefect.SPOT.apply(clean, new Random(1)).mask();
        boolean[] second = SyntheticDefect.SPOT.apply(clean, new Random(2)).mask();
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void namesMatchFoldersAndUnknownNamesAreListed() {
        assertEquals(SyntheticDefect.HOLE, SyntheticDefect.byName("hole"));
        assertEquals("stain", SyntheticDefect.STAIN.folderName());
        var error = assertThrows(IllegalArgumentException.class, () -> SyntheticDefect.byName("crack"));
        assertEquals("unknown defect 'crack', expected one of [scratch, spot, hole, stain]", error.getMessage());
    }
}

package io.stereotype.mlops.mlflow;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MlModelFileTest {
    @Test
    void rendersTheFlavorAsMlflowWritesAnMlmodelFile() {
        MlModelFile file = new MlModelFile("stereotype", Map.of("threshold", 0.25, "image_size", 256, "bundle", "bundle",
                "note", "say \"hi\"\nthere", "standardize", true), "0123abcd", "model");
        String text = file.render(Instant.parse("2026-12-01T10:15:30.123Z"), UUID.fromString("12345678-1234-1234-1234-123456789abc"));
        assertEquals("""
                artifact_path: "model"
                flavors:
                  stereotype:
                    bundle: "bundle"
                    image_size: 256
                    note: "say \\"hi\\"\\nthere"
                    standardize: true
                    threshold: 0.25
                model_uuid: "12345678123412341234123456789abc"
                run_id: "0123abcd"
                utc_time_created: "2026-12-01 10:15:30.123000"
                """, text);
    }

    @Test
    void flavorValuesAreScalars() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MlModelFile("stereotype", Map.of("sizes", java.util.List.of(1, 2)), "r", "model"));
        assertEquals("flavor value sizes must be a string, number or boolean, got [1, 2]", e.getMessage());
    }
}

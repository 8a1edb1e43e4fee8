package io.stereotype.mlops.registry;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelUriTest {

    @Test
    void parsesAliasesAndVersions() {
        assertEquals(ModelUri.alias("stereotype-mvtec", "production"), ModelUri.parse("models:/stereotype-mvtec@production"));
        assertEquals(ModelUri.version("stereotype-mvtec", 3), ModelUri.parse("models:/stereotype-mvtec/3"));
        assertEquals("models:/m@champion", ModelUri.parse("models:/m@champion").toString());
        assertEquals("models:/m/12", ModelUri.parse("models:/m/12").toString());
    }

    @Test
    void rejectsOtherForms() {
        for (String bad : new String[] {"models:/", "models:/m", "models:/m/latest", "models:/m@", "runs:/abc/model", "s3://b/k"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> ModelUri.parse(bad), bad);
            assertEquals(true, e.getMessage().contains(bad), e.getMessage());
        }
    }
}

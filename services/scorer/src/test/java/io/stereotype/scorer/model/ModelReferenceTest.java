package io.stereotype.scorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stereotype.mlops.registry.ModelUri;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelReferenceTest {

    @Test
    void aBareModelNameFollowsTheProductionAlias() {
        assertEquals(new ModelReference.Registry(ModelUri.alias("textures", "production")), ModelReference.parse("models:/textures"));
    }

    @Test
    void anAliasOrVersionIsKept() {
        assertEquals(new ModelReference.Registry(ModelUri.alias("textures", "staging")), ModelReference.parse("models:/textures@staging"));
        assertEquals(new ModelReference.Registry(ModelUri.version("textures", 3)), ModelReference.parse(" models:/textures/3 "));
    }

    @Test
    void anythingElseIsABundleLocation() {
        assertEquals(new ModelReference.Bundle(URI.create("s3://models/run-1/bundle")), ModelReference.parse("s3://models/run-1/bundle"));
        assertEquals(new ModelReference.Bundle(URI.create("file:///srv/bundle")), ModelReference.parse("file:///srv/bundle"));
        assertEquals(new ModelReference.Bundle(Path.of("work/bundle").toAbsolutePath().toUri()), ModelReference.parse("work/bundle"));
    }

    @Test
    void anEmptyReferenceIsRefusedNamingTheSetting() {
        var error = assertThrows(IllegalArgumentException.class, () -> ModelReference.parse(" "));
        assertTrue(error.getMessage().contains("stereotype.model"), error.getMessage());
    }
}

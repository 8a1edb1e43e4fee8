package io.stereotype.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The readers of the code's facts, checked on known inputs so that the drift tests cannot pass vacuously. */
class CodeFactsTest {
    @Test
    void configMappingKeysFollowGroupsAndKebabCase() {
        String source = """
                @ConfigMapping(prefix = "stereotype")
                public interface Settings {
                    /** a comment with model() in it */
                    S3 s3();
                    Optional<String> apiKey();
                    @WithDefault("5")
                    int maxBatchImages();
                    interface S3 {
                        Optional<String> accessKey();
                    }
                }
                """;
        assertEquals(Set.of("stereotype.s3.access-key", "stereotype.api-key", "stereotype.max-batch-images"),
                CodeFacts.configMappingKeys(source, "stereotype"));
        assertEquals("STEREOTYPE_S3_ACCESS_KEY", CodeFacts.environmentName("stereotype.s3.access-key"));
    }

    @Test
    void trainerAndScorerVariablesAreFoundInTheirSources() {
        Set<String> trainer = CodeFacts.environmentReadBy("trainer");
        assertTrue(trainer.containsAll(Set.of("MLFLOW_TRACKING_URI", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID",
                "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "STEREOTYPE_DEVICE", "STEREOTYPE_S3_ENDPOINT", "STEREOTYPE_CACHE_DIR")), trainer.toString());
        Set<String> scorer = CodeFacts.environmentReadBy("scorer");
        assertTrue(scorer.containsAll(Set.of("STEREOTYPE_MODEL", "STEREOTYPE_API_KEY", "STEREOTYPE_CACHE_DIR", "QUARKUS_HTTP_PORT",
                "MLFLOW_TRACKING_URI", "AWS_ACCESS_KEY_ID")), scorer.toString());
        assertFalse(scorer.contains("STEREOTYPE_DEVICE"), "only the trainer reads STEREOTYPE_DEVICE");
        assertTrue(trainer.contains("STEREOTYPE_DOCTOR_WEIGHTS"), "the doctor's weights file, stereotype.doctor-weights");
        assertFalse(scorer.contains("STEREOTYPE_DOCTOR_WEIGHTS"), "the scorer needs no weights: the bundle holds the doctor");
    }

    @Test
    void pluginDefaultsAreRead() {
        assertEquals("ghcr.io/stereotype/trainer", CodeFacts.trainerImages().get("CPU_IMAGE"));
        assertEquals("ghcr.io/stereotype/trainer-cuda", CodeFacts.trainerImages().get("CUDA_IMAGE"));
        assertEquals(List.of("java", "-jar", "/app/quarkus-run.jar"), CodeFacts.trainerImageCommand());
        assertEquals(Repo.projectVersion(), CodeFacts.pluginImageTag());
        assertTrue(CodeFacts.flowSecrets().contains("STEREOTYPE_RETRAIN_WEBHOOK_KEY"), CodeFacts.flowSecrets().toString());
        assertEquals(List.of("/q/health/ready", "/q/health/live"), CodeFacts.scorerHealthPaths());
        assertEquals("weights/efficientnet-lite0.pth", CodeFacts.doctorWeightsInDataFolder());
    }
}

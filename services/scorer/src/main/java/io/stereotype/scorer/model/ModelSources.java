package io.stereotype.scorer.model;

import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.mlflow.MlflowSettings;
import io.stereotype.mlops.registry.MlflowModelRegistry;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.storage.S3Settings;
import io.stereotype.scorer.config.ScorerConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;

/**
 * Connects the scorer to where models live, from {@code stereotype.model} and the standard
 * environment variables ({@code MLFLOW_TRACKING_URI}, {@code AWS_ENDPOINT_URL_S3} or
 * {@code MLFLOW_S3_ENDPOINT_URL}, {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}).
 */
@Singleton
public class ModelSources {
    /**
     * Short retries: a poll that finds a service down should report it and let the next poll try,
     * not block reloads (and POST /v1/reload) for the default half minute.
     */
    static final RetryPolicy RETRIES = RetryPolicy.of(3, Duration.ofMillis(500));

    @Produces
    @Singleton
    ArtifactStores artifactStores() {
        return new ArtifactStores(S3Settings.fromEnvironment(System.getenv()), RETRIES);
    }

    void closeArtifactStores(@Disposes ArtifactStores stores) throws Exception {
        stores.close();
    }

    @Produces
    @Singleton
    ModelLocator locator(ScorerConfig config, ArtifactStores stores) {
        return locatorFor(ModelReference.parse(config.model()), System.getenv(), stores);
    }

    static ModelLocator locatorFor(ModelReference reference, Map<String, String> env, ArtifactStores stores) {
        return switch (reference) {
            case ModelReference.Bundle bundle -> new BundleLocator(bundle.location(), stores);
            case ModelReference.Registry registry -> new RegistryLocator(registry.uri(), new MlflowModelRegistry(
                    MlflowSettings.fromEnvironment(env).orElseThrow(() -> new IllegalStateException("stereotype.model "
                            + registry.uri() + " is a registry model: set MLFLOW_TRACKING_URI to the MLflow server (http://host:port)")),
                    RETRIES));
        };
    }
}

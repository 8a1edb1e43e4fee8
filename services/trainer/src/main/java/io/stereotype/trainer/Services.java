package io.stereotype.trainer;

import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.mlflow.MlflowSettings;
import io.stereotype.mlops.registry.MlflowModelRegistry;
import io.stereotype.mlops.registry.ModelRegistry;
import io.stereotype.mlops.storage.ArtifactStore;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.storage.S3Settings;
import io.stereotype.mlops.tracking.RunOrigin;
import io.stereotype.mlops.tracking.RunTracker;
import io.stereotype.mlops.tracking.RunTrackers;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The outside world of a step: artifact stores, the run tracker and the model registry, configured
 * from application.properties with the environment variables users already set for MLflow and S3.
 */
@ApplicationScoped
public class Services {
    private final Map<String, String> environment;
    private final RetryPolicy retryPolicy;
    private final ArtifactStores stores;
    private final Path cacheDir;
    private final RunOrigin origin;

    public Services(TrainerSettings settings) {
        this.environment = withOverrides(System.getenv(), settings.s3());
        this.retryPolicy = new RetryPolicy(settings.retry().attempts(), settings.retry().initialDelay(), 2.0,
                Duration.ofSeconds(30));
        this.stores = new ArtifactStores(S3Settings.fromEnvironment(environment), retryPolicy);
        this.cacheDir = settings.cacheDir();
        this.origin = KestraExecution.origin(environment);
    }

    public ArtifactStore store(URI uri) {
        return stores.forUri(uri);
    }

    /**
     * MLflow when MLFLOW_TRACKING_URI is set, else JSON run records under {@code localFolder}; every run it starts
     * is tagged with the user, the trainer's version and the Kestra execution ({@link KestraExecution}).
     */
    public RunTracker tracker(Path localFolder) {
        return RunTrackers.fromEnvironment(environment, localFolder, stores, retryPolicy, origin);
    }

    public ModelRegistry registry() {
        MlflowSettings settings = MlflowSettings.fromEnvironment(environment).orElseThrow(() ->
                new ExitCodes.UsageException("the model registry needs MLFLOW_TRACKING_URI (the MLflow server's URL)"));
        return new MlflowModelRegistry(settings, retryPolicy);
    }

    public Path cacheDir() {
        return cacheDir;
    }

    @PreDestroy
    void close() throws Exception {
        stores.close();
    }

    /** application.properties values win over the S3 tools' environment variables. */
    private static Map<String, String> withOverrides(Map<String, String> env, TrainerSettings.S3 s3) {
        Map<String, String> merged = new HashMap<>(env);
        s3.endpoint().filter(v -> !v.isBlank()).ifPresent(v -> merged.put("AWS_ENDPOINT_URL_S3", v));
        s3.accessKey().filter(v -> !v.isBlank()).ifPresent(v -> merged.put("AWS_ACCESS_KEY_ID", v));
        s3.secretKey().filter(v -> !v.isBlank()).ifPresent(v -> merged.put("AWS_SECRET_ACCESS_KEY", v));
        s3.region().filter(v -> !v.isBlank()).ifPresent(v -> merged.put("AWS_REGION", v));
        return merged;
    }
}

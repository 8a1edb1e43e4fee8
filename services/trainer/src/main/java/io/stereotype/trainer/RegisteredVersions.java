package io.stereotype.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.mlops.mlflow.MlModelFile;
import io.stereotype.mlops.registry.ModelRegistry;
import io.stereotype.mlops.registry.ModelVersion;
import io.stereotype.mlops.storage.ArtifactUris;
import io.stereotype.mlops.tracking.RunTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Registers a bundle as an MLflow Model version. The version's source is the folder {@value #ARTIFACT_PATH} among
 * the run's artifacts ({@code MLmodel} with the {@value #FLAVOR} flavor, and the bundle under {@value #BUNDLE_PATH}),
 * which MLflow's artifact proxy serves: anyone with only {@code MLFLOW_TRACKING_URI} downloads
 * {@code models:/NAME@production}. The services load the bundle from its copy under the models root
 * ({@link RegisteredBundles}), named by the version's {@value ModelVersion#BUNDLE_TAG} tag, with their S3 credentials.
 */
final class RegisteredVersions {
    private static final Logger LOG = Logger.getLogger(RegisteredVersions.class);
    static final String ARTIFACT_PATH = "model";
    static final String BUNDLE_PATH = "bundle";
    static final String FLAVOR = "stereotype";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private final Services services;

    RegisteredVersions(Services services) {
        this.services = services;
    }

    /**
     * @param runId   the run the version comes from (the retrain's parent run): the model goes among its artifacts
     * @param metrics the evaluation report: its metrics become the version's tags and description
     */
    RegisteredVersion register(URI model, String name, String runId, ModelsRoot root, JsonNode metrics) {
        ModelRegistry registry = services.registry();
        RegisteredBundles.Published published = new RegisteredBundles(services).publish(model, name, root);
        ModelBundle bundle = published.bundle();
        URI source = logModel(runId, bundle);
        Map<String, String> tags = new LinkedHashMap<>();
        for (String key : Metrics.NAMES) {
            if (metrics.hasNonNull(key)) {
                tags.put(key, metrics.get(key).asText());
            }
        }
        String hash = bundle.manifest().contentHash();
        ModelVersion version = registry.registerVersion(name, source, runId, description(tags, hash, published.home()));
        version = registry.awaitReady(name, version.version(), READY_TIMEOUT);
        tags.put(ModelVersion.BUNDLE_TAG, published.home().toString());
        tags.put("bundle_hash", hash);
        registry.setTags(name, version.version(), tags);
        LOG.infof("registered %s version %d from %s (bundle for the services: %s)", name, version.version(), source,
                published.home());
        return new RegisteredVersion(version, published.home());
    }

    /** Uploads the bundle, then its MLmodel (last, so a model folder with an MLmodel is whole), among the run's artifacts. */
    private URI logModel(String runId, ModelBundle bundle) {
        try (RunTracker tracker = services.tracker(services.cacheDir().resolve("runs"))) {
            URI artifacts = tracker.getRun(runId).run().artifactUri();
            tracker.uploadArtifact(runId, bundle.root(), ARTIFACT_PATH + "/" + BUNDLE_PATH);
            Path file = new MlModelFile(FLAVOR, flavor(bundle), runId, ARTIFACT_PATH).write(staging());
            tracker.uploadArtifact(runId, file, ARTIFACT_PATH + "/" + MlModelFile.FILE);
            return ArtifactUris.resolve(artifacts, ARTIFACT_PATH);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
    }

    private Path staging() {
        try {
            Files.createDirectories(services.cacheDir());
            return Files.createTempDirectory(services.cacheDir(), "mlmodel-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging folder under " + services.cacheDir(), e);
        }
    }

    /** What a loader needs to know before it opens the bundle: its format, input size and decision threshold. */
    static Map<String, Object> flavor(ModelBundle bundle) {
        Map<String, Object> flavor = new LinkedHashMap<>();
        flavor.put("bundle", BUNDLE_PATH);
        flavor.put("bundle_format_version", bundle.manifest().formatVersion());
        flavor.put("bundle_hash", bundle.manifest().contentHash());
        flavor.put("image_size", bundle.model().imageSize());
        flavor.put("patch_size", bundle.model().patchSize());
        flavor.put("channels", bundle.channels());
        flavor.put("threshold", bundle.calibration().threshold());
        flavor.put("network", bundle.model().students().name());
        flavor.put("networks", bundle.networks().size());
        flavor.put("saved_model_format", "TensorFlow SavedModel per network under bundle/networks/");
        flavor.put("scorer", "stereotype-scorer or stereotype-trainer score --model models:/NAME/VERSION");
        flavor.put("trainer_version", Runs.codeVersion());
        return flavor;
    }

    private static String description(Map<String, String> metrics, String hash, URI home) {
        StringBuilder text = new StringBuilder("Stereotype Deepening anomaly detector.\n\n| metric | value |\n|---|---|\n");
        metrics.forEach((key, value) -> text.append("| ").append(key).append(" | ").append(value).append(" |\n"));
        return text.append("\nBundle `").append(hash).append("`; the services load its copy at `").append(home).append("`.")
                .toString();
    }
}

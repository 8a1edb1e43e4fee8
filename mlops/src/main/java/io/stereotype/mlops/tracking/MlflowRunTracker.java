package io.stereotype.mlops.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.mlops.Retrier;
import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.mlflow.MlflowException;
import io.stereotype.mlops.mlflow.MlflowRest;
import io.stereotype.mlops.mlflow.MlflowSettings;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.storage.ArtifactUris;
import io.stereotype.mlops.storage.LocalFiles;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@link RunTracker} on an MLflow tracking server: the typed MLflow Java client for tracking calls,
 * this module's own code for artifacts (the client's logArtifact needs a Python installation).
 * Artifacts go to the run's artifact URI: through the server's artifact proxy for
 * {@code mlflow-artifacts:} URIs, straight to the store for {@code s3://} (or local) ones.
 *
 * <p>A folder sent through the proxy is not atomic (the proxy has no rename): a failed upload can
 * leave part of it, and the run then ends FAILED. Folders sent to S3 are atomic.
 */
public final class MlflowRunTracker implements RunTracker {
    private static final String PROXIED_ARTIFACTS_SCHEME = "mlflow-artifacts";

    private final MlflowClient client;
    private final MlflowRest rest;
    private final Retrier retrier;
    private final ArtifactStores stores;

    public MlflowRunTracker(MlflowSettings settings, ArtifactStores stores, RetryPolicy retryPolicy) {
        this.client = new MlflowClient(new BasicMlflowHostCreds(settings.trackingUri().toString(), settings.username(),
                settings.password(), settings.token(), false));
        this.rest = new MlflowRest(settings, retryPolicy);
        this.retrier = rest.retrier();
        this.stores = stores;
    }

    @Override
    public String experiment(String name, URI artifactLocation) {
        Optional<String> existing = existingExperiment(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        Service.CreateExperiment.Builder create = Service.CreateExperiment.newBuilder().setName(name);
        if (artifactLocation != null) {
            create.setArtifactLocation(artifactLocation.toString());
        }
        try {
            return call("create experiment " + name, () -> client.createExperiment(create.build()));
        } catch (MlflowException e) {
            if (!MlflowException.RESOURCE_ALREADY_EXISTS.equals(e.errorCode())) {
                throw e;
            }
            // a parallel step created it between our two calls
            return existingExperiment(name).orElseThrow(() -> e);
        }
    }

    /**
     * Looked up over REST rather than with the Java client, which retries every 4xx answer with
     * pauses, and "not found" is the normal answer on a pipeline's first run.
     */
    private Optional<String> existingExperiment(String name) {
        JsonNode experiment;
        try {
            experiment = rest.get("experiments/get-by-name", Map.of("experiment_name", name)).path("experiment");
        } catch (MlflowException e) {
            if (MlflowException.RESOURCE_DOES_NOT_EXIST.equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
        if ("deleted".equals(experiment.path("lifecycle_stage").asText())) {
            throw new IllegalStateException("MLflow experiment '" + name + "' is deleted: restore it in MLflow or use another name");
        }
        return Optional.of(experiment.path("experiment_id").asText());
    }

    @Override
    public TrackedRun startRun(String experimentId, String runName) {
        return createRun(Service.CreateRun.newBuilder().setExperimentId(experimentId).setRunName(runName));
    }

    @Override
    public TrackedRun startChildRun(String parentRunId, String runName) {
        String experimentId = call("get run " + parentRunId, () -> client.getRun(parentRunId)).getInfo().getExperimentId();
        return createRun(Service.CreateRun.newBuilder().setExperimentId(experimentId).setRunName(runName)
                .addTags(Service.RunTag.newBuilder().setKey(PARENT_RUN_ID_TAG).setValue(parentRunId)));
    }

    private TrackedRun createRun(Service.CreateRun.Builder create) {
        Service.RunInfo info = call("create run " + create.getRunName(),
                () -> client.createRun(create.setStartTime(System.currentTimeMillis()).build()));
        return trackedRun(info);
    }

    @Override
    public void logParams(String runId, Map<String, ?> params) {
        List<Service.Param> all = TrackingLimits.fit(params, TrackingLimits.MAX_PARAM_VALUE_LENGTH, "param").entrySet().stream()
                .map(e -> Service.Param.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build()).toList();
        for (List<Service.Param> batch : TrackingLimits.batches(all, TrackingLimits.MAX_PARAMS_TAGS_PER_BATCH)) {
            call("log params", () -> {
                client.logBatch(runId, List.of(), batch, List.of());
                return null;
            });
        }
    }

    @Override
    public void logMetrics(String runId, List<Metric> metrics) {
        List<Service.Metric> all = metrics.stream().map(m -> Service.Metric.newBuilder().setKey(m.key()).setValue(m.value())
                .setStep(m.step()).setTimestamp(m.timestampMillis()).build()).toList();
        for (List<Service.Metric> batch : TrackingLimits.batches(all, TrackingLimits.MAX_METRICS_PER_BATCH)) {
            call("log metrics", () -> {
                client.logBatch(runId, batch, List.of(), List.of());
                return null;
            });
        }
    }

    @Override
    public void setTags(String runId, Map<String, String> tags) {
        List<Service.RunTag> all = TrackingLimits.fit(tags, TrackingLimits.MAX_TAG_VALUE_LENGTH, "tag").entrySet().stream()
                .map(e -> Service.RunTag.newBuilder().setKey(e.getKey()).setValue(e.getValue()).build()).toList();
        for (List<Service.RunTag> batch : TrackingLimits.batches(all, TrackingLimits.MAX_PARAMS_TAGS_PER_BATCH)) {
            call("set tags", () -> {
                client.logBatch(runId, List.of(), List.of(), batch);
                return null;
            });
        }
    }

    @Override
    public void uploadArtifact(String runId, Path source, String artifactPath) {
        if (artifactPath == null || artifactPath.isBlank()) {
            throw new IllegalArgumentException("artifactPath must name the artifact (e.g. \"model\"), got '" + artifactPath + "'");
        }
        URI target = ArtifactUris.resolve(getRun(runId).run().artifactUri(), artifactPath);
        if (PROXIED_ARTIFACTS_SCHEME.equals(target.getScheme())) {
            uploadThroughProxy(source, target);
        } else if (Files.isDirectory(source)) {
            stores.forUri(target).uploadFolder(source, target);
        } else {
            stores.forUri(target).uploadFile(source, target);
        }
    }

    private void uploadThroughProxy(Path source, URI target) {
        if (!Files.isDirectory(source)) {
            rest.putArtifact(target.getRawPath(), source);
            return;
        }
        for (Path relative : filesUnder(source)) {
            rest.putArtifact(ArtifactUris.resolve(target, relative.toString()).getRawPath(), source.resolve(relative));
        }
    }

    @Override
    public void endRun(String runId, RunStatus status) {
        call("end run " + runId, () -> {
            client.setTerminated(runId, Service.RunStatus.valueOf(status.name()), System.currentTimeMillis());
            return null;
        });
    }

    @Override
    public RunRecord getRun(String runId) {
        Service.Run run = call("get run " + runId, () -> client.getRun(runId));
        Map<String, String> tags = run.getData().getTagsList().stream()
                .collect(Collectors.toMap(Service.RunTag::getKey, Service.RunTag::getValue));
        return new RunRecord(trackedRun(run.getInfo()), RunStatus.valueOf(run.getInfo().getStatus().name()),
                Optional.ofNullable(tags.get(PARENT_RUN_ID_TAG)),
                run.getData().getParamsList().stream().collect(Collectors.toMap(Service.Param::getKey, Service.Param::getValue)),
                tags,
                run.getData().getMetricsList().stream().collect(Collectors.toMap(Service.Metric::getKey, Service.Metric::getValue)));
    }

    @Override
    public void close() {
        client.close();
    }

    private static TrackedRun trackedRun(Service.RunInfo info) {
        return new TrackedRun(info.getRunId(), info.getExperimentId(), info.getRunName(), URI.create(info.getArtifactUri()));
    }

    private static List<Path> filesUnder(Path folder) {
        try {
            return LocalFiles.filesUnder(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not list artifact folder " + folder + ": " + e, e);
        }
    }

    /** Runs a typed-client call with retries, turning the client's HTTP errors into {@link MlflowException} (or refused access). */
    private <T> T call(String operation, Supplier<T> call) {
        return retrier.call(operation, () -> {
            try {
                return call.get();
            } catch (MlflowHttpException e) {
                throw rest.failure(operation, e.getStatusCode(), e.getBodyMessage());
            }
        });
    }
}

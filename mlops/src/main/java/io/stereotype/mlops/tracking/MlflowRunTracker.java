package io.stereotype.mlops.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.mlflow.tracking.RunsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    /** The experiment tag MLflow 3's UI reads to choose an experiment's landing page. */
    static final String EXPERIMENT_KIND_TAG = "mlflow.experimentKind";
    /** Opens the experiment on its training runs instead of the GenAI overview. */
    static final String TRAINING_EXPERIMENT = "custom_model_development";
    /** Where MLflow's UI and Python client find a run's data set inputs' role. */
    static final String DATASET_CONTEXT_TAG = "mlflow.data.context";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MlflowClient client;
    private final MlflowRest rest;
    private final Retrier retrier;
    private final ArtifactStores stores;
    private final RunOrigin origin;

    public MlflowRunTracker(MlflowSettings settings, ArtifactStores stores, RetryPolicy retryPolicy) {
        this(settings, stores, retryPolicy, RunOrigin.NONE);
    }

    public MlflowRunTracker(MlflowSettings settings, ArtifactStores stores, RetryPolicy retryPolicy, RunOrigin origin) {
        this.origin = origin;
        this.client = new MlflowClient(new BasicMlflowHostCreds(settings.trackingUri().toString(), settings.username(),
                settings.password(), settings.token(), false));
        this.rest = new MlflowRest(settings, retryPolicy);
        this.retrier = rest.retrier();
        this.stores = stores;
    }

    /**
     * {@inheritDoc} An experiment without {@value #EXPERIMENT_KIND_TAG} is marked as one of training runs, so
     * MLflow 3's UI lists its runs instead of opening the GenAI overview; a kind someone chose is kept.
     */
    @Override
    public String experiment(String name, URI artifactLocation) {
        JsonNode experiment = existingExperiment(name).orElseGet(() -> createExperiment(name, artifactLocation));
        String id = experiment.path("experiment_id").asText();
        boolean kindSet = false;
        for (JsonNode tag : experiment.path("tags")) {
            kindSet |= EXPERIMENT_KIND_TAG.equals(tag.path("key").asText());
        }
        if (!kindSet) {
            rest.post("experiments/set-experiment-tag", Map.of("experiment_id", id, "key", EXPERIMENT_KIND_TAG,
                    "value", TRAINING_EXPERIMENT));
        }
        return id;
    }

    private JsonNode createExperiment(String name, URI artifactLocation) {
        Service.CreateExperiment.Builder create = Service.CreateExperiment.newBuilder().setName(name)
                .addTags(Service.ExperimentTag.newBuilder().setKey(EXPERIMENT_KIND_TAG).setValue(TRAINING_EXPERIMENT));
        if (artifactLocation != null) {
            create.setArtifactLocation(artifactLocation.toString());
        }
        try {
            call("create experiment " + name, () -> client.createExperiment(create.build()));
        } catch (MlflowException e) {
            if (!MlflowException.RESOURCE_ALREADY_EXISTS.equals(e.errorCode())) {
                throw e;
            }
            // a parallel step created it between our two calls
        }
        return existingExperiment(name).orElseThrow(() -> new IllegalStateException("MLflow experiment '" + name
                + "' was created but cannot be read back"));
    }

    /**
     * Looked up over REST rather than with the Java client, which retries every 4xx answer with
     * pauses, and "not found" is the normal answer on a pipeline's first run.
     */
    private Optional<JsonNode> existingExperiment(String name) {
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
        return Optional.of(experiment);
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
        origin.tags().forEach((key, value) -> create.addTags(Service.RunTag.newBuilder().setKey(key).setValue(value)));
        if (origin.user() != null && !origin.user().isBlank()) {
            create.setUserId(origin.user());
        }
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
        for (Path relative : LocalFiles.filesUnder(source)) {
            rest.putArtifact(ArtifactUris.resolve(target, relative.toString()).getRawPath(), source.resolve(relative));
        }
    }

    @Override
    public void logDataset(String runId, DatasetInput dataset) {
        String source;
        try {
            source = JSON.writeValueAsString(Map.of("uri", dataset.source().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> described = Map.of("name", dataset.name(), "digest", dataset.digest(),
                "source_type", dataset.sourceType(), "source", source);
        rest.post("runs/log-inputs", Map.of("run_id", runId, "datasets", List.of(Map.of("dataset", described,
                "tags", List.of(Map.of("key", DATASET_CONTEXT_TAG, "value", dataset.context()))))));
    }

    @Override
    public void endRun(String runId, RunStatus status) {
        if (getRun(runId).status() == status) {
            return;
        }
        call("end run " + runId, () -> {
            client.setTerminated(runId, Service.RunStatus.valueOf(status.name()), System.currentTimeMillis());
            return null;
        });
    }

    @Override
    public List<RunRecord> childRuns(String parentRunId) {
        String experimentId = getRun(parentRunId).run().experimentId();
        String filter = "tags.`" + PARENT_RUN_ID_TAG + "` = '" + requireRunId(parentRunId) + "'";
        List<RunRecord> children = new ArrayList<>();
        String operation = "search child runs of " + parentRunId;
        RunsPage page = call(operation, () -> client.searchRuns(List.of(experimentId), filter, Service.ViewType.ACTIVE_ONLY,
                1000, List.of()));
        while (true) {
            page.getItems().forEach(run -> children.add(record(run)));
            if (!page.hasNextPage()) {
                return children;
            }
            RunsPage current = page;
            page = call(operation, () -> (RunsPage) current.getNextPage());
        }
    }

    /** Run ids go into search filters: only MLflow's own id characters. */
    private static String requireRunId(String runId) {
        if (runId == null || !runId.matches("[0-9A-Za-z_-]+")) {
            throw new IllegalArgumentException("invalid MLflow run id '" + runId + "'");
        }
        return runId;
    }

    @Override
    public RunRecord getRun(String runId) {
        return record(call("get run " + runId, () -> client.getRun(runId)));
    }

    private static RunRecord record(Service.Run run) {
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

package io.stereotype.mlops.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.LocalArtifactStore;
import io.stereotype.mlops.storage.LocalFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@link RunTracker} without a server: each run is a JSON record {@code <folder>/<runId>/run.json}
 * (params, metric histories, tags, data set inputs, artifact list, status, parent id) with its artifacts copied to
 * {@code <folder>/<runId>/artifacts/}. Every change rewrites the record atomically, so a record
 * read by another process (a later pipeline step) is always whole.
 */
public final class LocalRunTracker implements RunTracker {
    static final String RECORD_FILE = "run.json";

    /** The value MLflow calls "latest": highest step, then newest. */
    private static final Comparator<LocalRunFile.MetricPoint> LATEST =
            Comparator.comparingLong(LocalRunFile.MetricPoint::step).thenComparingLong(LocalRunFile.MetricPoint::timestamp);

    private final Path folder;
    private final LocalArtifactStore files = new LocalArtifactStore();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final RunOrigin origin;

    public LocalRunTracker(Path folder) {
        this(folder, RunOrigin.NONE);
    }

    public LocalRunTracker(Path folder, RunOrigin origin) {
        this.folder = folder.toAbsolutePath();
        this.origin = origin;
    }

    /** Without a server, an experiment is just a name written into its runs' records. */
    @Override
    public String experiment(String name, URI artifactLocation) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("experiment name is empty");
        }
        return name;
    }

    @Override
    public synchronized TrackedRun startRun(String experimentId, String runName) {
        return create(experimentId, runName, null);
    }

    @Override
    public synchronized TrackedRun startChildRun(String parentRunId, String runName) {
        LocalRunFile parent = read(parentRunId);
        return create(parent.experimentId, runName, parentRunId);
    }

    private TrackedRun create(String experimentId, String runName, String parentRunId) {
        LocalRunFile run = new LocalRunFile();
        run.runId = UUID.randomUUID().toString().replace("-", "");
        run.experimentId = experimentId;
        run.runName = runName;
        run.parentRunId = parentRunId;
        run.status = RunStatus.RUNNING;
        run.startTime = System.currentTimeMillis();
        run.artifactUri = artifactsFolder(run.runId).toUri().toString();
        run.tags.putAll(origin.tags());
        if (parentRunId != null) {
            run.tags.put(PARENT_RUN_ID_TAG, parentRunId);
        }
        write(run);
        return trackedRun(run);
    }

    @Override
    public synchronized void logParams(String runId, Map<String, ?> params) {
        update(runId, run -> run.params.putAll(TrackingLimits.fit(params, TrackingLimits.MAX_PARAM_VALUE_LENGTH, "param")));
    }

    @Override
    public synchronized void logMetrics(String runId, List<Metric> metrics) {
        update(runId, run -> metrics.forEach(m -> run.metrics.computeIfAbsent(m.key(), key -> new ArrayList<>())
                .add(new LocalRunFile.MetricPoint(m.step(), m.value(), m.timestampMillis()))));
    }

    @Override
    public synchronized void setTags(String runId, Map<String, String> tags) {
        update(runId, run -> run.tags.putAll(TrackingLimits.fit(tags, TrackingLimits.MAX_TAG_VALUE_LENGTH, "tag")));
    }

    @Override
    public synchronized void uploadArtifact(String runId, Path source, String artifactPath) {
        if (artifactPath == null || artifactPath.isBlank()) {
            throw new IllegalArgumentException("artifactPath must name the artifact (e.g. \"model\"), got '" + artifactPath + "'");
        }
        Path artifacts = artifactsFolder(read(runId).runId);
        URI target = artifacts.resolve(artifactPath).toUri();
        if (Files.isDirectory(source)) {
            files.uploadFolder(source, target);
        } else {
            files.uploadFile(source, target);
        }
        update(runId, run -> run.artifacts = relativeFiles(artifacts));
    }

    @Override
    public synchronized void logDataset(String runId, DatasetInput dataset) {
        update(runId, run -> {
            run.inputs.removeIf(input -> input.name().equals(dataset.name()) && input.digest().equals(dataset.digest())
                    && input.context().equals(dataset.context()));
            run.inputs.add(dataset);
        });
    }

    @Override
    public synchronized void endRun(String runId, RunStatus status) {
        if (read(runId).status == status) {
            return;
        }
        update(runId, run -> {
            run.status = status;
            run.endTime = System.currentTimeMillis();
        });
    }

    @Override
    public synchronized List<RunRecord> childRuns(String parentRunId) {
        read(parentRunId);
        List<RunRecord> children = new ArrayList<>();
        try (var runs = Files.list(folder)) {
            for (Path run : runs.filter(dir -> Files.isRegularFile(dir.resolve(RECORD_FILE))).toList()) {
                RunRecord record = getRun(run.getFileName().toString());
                if (record.parentRunId().filter(parentRunId::equals).isPresent()) {
                    children.add(record);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not list run records in " + folder + ": " + e.getMessage(), e);
        }
        return children;
    }

    @Override
    public synchronized RunRecord getRun(String runId) {
        LocalRunFile run = read(runId);
        Map<String, Double> latest = run.metrics.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().max(LATEST).orElseThrow().value()));
        return new RunRecord(trackedRun(run), run.status, Optional.ofNullable(run.parentRunId), run.params, run.tags, latest);
    }

    /** Where the run's record lives. */
    public Path recordFile(String runId) {
        return folder.resolve(runId).resolve(RECORD_FILE);
    }

    @Override
    public void close() {
        // nothing is held open: every change is already on disk
    }

    private Path artifactsFolder(String runId) {
        return folder.resolve(runId).resolve("artifacts");
    }

    private void update(String runId, Consumer<LocalRunFile> change) {
        LocalRunFile run = read(runId);
        change.accept(run);
        write(run);
    }

    private LocalRunFile read(String runId) {
        Path record = recordFile(runId);
        if (!Files.isRegularFile(record)) {
            throw new ArtifactNotFoundException(record.toUri(), "no run " + runId + " in " + folder, null);
        }
        try {
            return json.readValue(record.toFile(), LocalRunFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read run record " + record + ": " + e.getMessage(), e);
        }
    }

    private void write(LocalRunFile run) {
        try {
            files.writeText(recordFile(run.runId).toUri(), json.writeValueAsString(run));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write run record of " + run.runId + ": " + e.getMessage(), e);
        }
    }

    private static List<String> relativeFiles(Path artifacts) {
        return LocalFiles.filesUnder(artifacts).stream().map(p -> p.toString().replace('\\', '/')).toList();
    }

    private static TrackedRun trackedRun(LocalRunFile run) {
        return new TrackedRun(run.runId, run.experimentId, run.runName, URI.create(run.artifactUri));
    }

    /** The JSON form of a run record; plain fields because it is rewritten in place on every change. */
    static final class LocalRunFile {
        public String runId;
        public String experimentId;
        public String runName;
        public String parentRunId;
        public RunStatus status;
        public long startTime;
        public Long endTime;
        public String artifactUri;
        public Map<String, String> params = new TreeMap<>();
        public Map<String, String> tags = new TreeMap<>();
        public Map<String, List<MetricPoint>> metrics = new TreeMap<>();
        public List<String> artifacts = new ArrayList<>();
        public List<DatasetInput> inputs = new ArrayList<>();

        record MetricPoint(long step, double value, long timestamp) {
        }
    }
}

package io.stereotype.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.Evaluation;
import io.stereotype.core.Evaluator;
import io.stereotype.core.TreeTraining;
import io.stereotype.core.bundle.Json;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.data.DatasetValidator;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.infer.SavedModels;
import io.stereotype.core.metrics.Metrics;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.report.ReportCollector;
import io.stereotype.core.report.ReportWriter;
import io.stereotype.core.score.Detector;
import io.stereotype.core.train.NetworkId;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingSet;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.ArtifactStore;
import io.stereotype.mlops.storage.ArtifactUris;
import io.stereotype.mlops.tracking.DatasetInput;
import io.stereotype.mlops.tracking.Metric;
import io.stereotype.mlops.tracking.RunTracker;
import io.stereotype.mlops.tracking.TrackedRun;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The pipeline steps, each usable as its own command (one container per step under Kestra) or in
 * sequence by {@code pipeline}. Every step returns the output line it prints.
 */
@ApplicationScoped
public class PipelineSteps {
    private static final Logger LOG = Logger.getLogger(PipelineSteps.class);
    /** Name of an evaluation run that is not under a retrain's parent run. */
    private static final String STANDALONE_EVALUATION = "evaluation (stand-alone)";
    private static final String DEVICE = System.getenv().getOrDefault("STEREOTYPE_DEVICE", "cpu");
    private final Services services;

    public PipelineSteps(Services services) {
        this.services = services;
    }

    /**
     * Validates the data set (and the doctor's, if any), fixes the configuration and opens the parent run.
     *
     * @param doctorData labelled data set (one folder per class) the doctor learns to classify, or
     *                   null for the rotation pretext on the normal images
     */
    public OutputLine prep(URI data, URI doctorData, URI work, TrainingConfig config, String experiment) {
        Outputs.requireWritable(work);
        Path local = Datasets.local(data, services);
        // every problem of the data set at once (unreadable files, mask sizes, mixed channels), before any training
        DatasetValidator.validate(local).throwIfInvalid();
        MvtecDataset dataset = MvtecDataset.open(local);
        String hash = Datasets.contentHash(local);
        // fail here, not in the doctor's container, when images are unusable
        InputNormalization normalization = Datasets.trainingSet(dataset, config, null).normalization();
        int channels = normalization.channels();
        DoctorData doctor = doctorData == null ? null : DoctorData.check(doctorData, services, config, channels);
        WorkFolder folder = new WorkFolder(work, services);
        try (RunTracker tracker = services.tracker(Runs.besideWork(work, services))) {
            String experimentId = tracker.experiment(experiment);
            return Runs.parent(tracker, experimentId, "retrain " + Instant.now(), parent -> {
                Map<String, Object> params = new LinkedHashMap<>(Runs.params(config));
                Map<String, String> tags = new LinkedHashMap<>(Map.of("dataset", data.toString(), "dataset_hash", hash,
                        "work", work.toString(), "code_version", Runs.codeVersion()));
                if (doctor != null) {
                    params.putAll(doctor.params());
                    tags.putAll(doctor.tags());
                    LOG.infof("the doctor classifies %s: %d classes %s", doctorData, doctor.folder().classNames().size(),
                            doctor.folder().imagesPerClass());
                }
                tracker.logParams(parent.runId(), params);
                tracker.setTags(parent.runId(), tags);
                tracker.logDataset(parent.runId(), Runs.dataset(data.toString(), hash, DatasetInput.TRAINING));
                if (doctor != null) {
                    tracker.logDataset(parent.runId(), Runs.dataset(doctorData.toString(), doctor.hash(), DatasetInput.TRAINING));
                }
                folder.writePrep(new Prep(Prep.FORMAT_VERSION, data.toString(), hash, dataset.trainImages().size(),
                        dataset.testSamples().size(), config, experiment, parent.runId(), Instant.now().toString(),
                        doctor == null ? null : doctorData.toString(), doctor == null ? null : doctor.hash(), normalization,
                        doctor == null ? null : doctor.normalization()));
                LOG.infof("prepared %s: %d training images, %d test images, parent run %s", data,
                        dataset.trainImages().size(), dataset.testSamples().size(), parent.runId());
                return new OutputLine().output("work", work.toString()).output("datasetHash", hash)
                        .output("trainImages", dataset.trainImages().size()).output("testImages", dataset.testSamples().size())
                        .output("parentRunId", parent.runId());
            });
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    /** Trains the doctor (NetworkId.DOCTOR) or one student, and publishes its network folder. */
    public OutputLine train(URI work, NetworkId id, String parentRunId) {
        return train(work, id, parentRunId, null);
    }

    /** @param doctorInit SavedModel (folder URI) whose weights the doctor starts from, or null */
    public OutputLine train(URI work, NetworkId id, String parentRunId, URI doctorInit) {
        WorkFolder folder = new WorkFolder(work, services);
        Prep prep = folder.readPrep();
        TrainingConfig config = prep.config();
        checkInTree(id, config);
        // with doctor data, only the doctor trains on it: the students regress it on the normal images
        DoctorData doctorData = id.role() == NetworkId.Role.DOCTOR ? DoctorData.of(prep, services) : null;
        TrainingSet set = doctorData != null ? doctorData.trainingSet(config) : preparedSet(prep);
        Path teacher = id.role() == NetworkId.Role.DOCTOR ? null : folder.fetchNetwork(id.teacher());
        NetworkParameters initial = doctorInit == null ? null : initialWeights(doctorInit, config, set.channels());
        try (RunTracker tracker = services.tracker(Runs.besideWork(work, services))) {
            return Runs.child(tracker, parent(parentRunId, prep), id.name(), run -> {
                Map<String, Object> params = new LinkedHashMap<>(Runs.params(config));
                Map<String, String> tags = new LinkedHashMap<>(Map.of("role", id.role().name().toLowerCase(),
                        "master", String.valueOf(id.master()), "index", String.valueOf(id.index()), "dataset", prep.data(),
                        "dataset_hash", prep.datasetHash(), "code_version", Runs.codeVersion(),
                        "engine", "tensorflow-java " + org.tensorflow.TensorFlow.version(), "device", DEVICE));
                if (doctorData != null) {
                    params.putAll(doctorData.params());
                    tags.putAll(doctorData.tags());
                }
                tracker.logParams(run.runId(), params);
                tracker.setTags(run.runId(), tags);
                tracker.logDataset(run.runId(), doctorData != null
                        ? Runs.dataset(doctorData.uri().toString(), doctorData.hash(), DatasetInput.TRAINING)
                        : Runs.dataset(prep.data(), prep.datasetHash(), DatasetInput.TRAINING));
                Progress progress = new Progress(tracker, run.runId(), id.role() == NetworkId.Role.DOCTOR ? "cross_entropy" : "regression");
                Path staging = folder.staging(id.name()).resolve(id.name());
                double loss = id.role() == NetworkId.Role.DOCTOR
                        ? finalLoss(progress, () -> TreeTraining.trainDoctor(config, set, initial, staging, progress))
                        : finalLoss(progress, () -> TreeTraining.trainStudent(config, set, id, teacher, staging, progress));
                URI published = folder.publishNetwork(id, staging);
                tracker.uploadArtifact(run.runId(), staging, "network");
                LOG.infof("%s published to %s", id, published);
                return new OutputLine().output("model", published.toString()).output("runId", run.runId())
                        .output("loss", loss).metric("loss", loss);
            });
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    /**
     * The normal training set prep checked, reopened with the normalisation prep measured. Steps split
     * the images by position, so a data set that gained or lost training images since prep would give
     * each network different data: that is bad data, not something to train on.
     */
    private TrainingSet preparedSet(Prep prep) {
        MvtecDataset dataset = Datasets.open(URI.create(prep.data()), services);
        int now = dataset.trainImages().size();
        if (now != prep.trainImages()) {
            throw new ExitCodes.BadDataException("data set " + prep.data() + " changed since prep: it has " + now
                    + " training images, prep saw " + prep.trainImages() + "; start a new retrain on it", null);
        }
        return Datasets.trainingSet(dataset, prep.config(), prep.normalization());
    }

    /** Calibrates the trained tree on held-out normal images and publishes the model bundle. */
    public OutputLine assemble(URI work, URI out) {
        Outputs.requireWritable(out);
        WorkFolder folder = new WorkFolder(work, services);
        Prep prep = folder.readPrep();
        TrainingConfig config = prep.config();
        TrainingSet set = preparedSet(prep);
        Map<NetworkId, Path> networks = new LinkedHashMap<>();
        for (NetworkId id : tree(config)) {
            networks.put(id, folder.fetchNetwork(id));
        }
        Path staging = folder.staging("bundle").resolve("bundle");
        ModelBundle bundle = TreeTraining.assemble(config, set, networks, staging);
        services.store(out).uploadFolder(staging, out);
        try (RunTracker tracker = services.tracker(Runs.besideWork(work, services))) {
            tracker.uploadArtifact(prep.parentRunId(), staging, "bundle");
            tracker.setTags(prep.parentRunId(), Map.of("bundle", out.toString(), "bundle_hash", bundle.manifest().contentHash()));
        } catch (Exception e) {
            throw rethrow(e);
        }
        LOG.infof("bundle of %d networks published to %s (threshold %.4f)", networks.size(), out, bundle.calibration().threshold());
        return new OutputLine().output("bundle", out.toString()).output("bundleHash", bundle.manifest().contentHash())
                .output("decisionThreshold", bundle.calibration().threshold())
                .metric("decision_threshold", bundle.calibration().threshold());
    }

    /** A {@code --model} value as a bundle location: itself, or the source of a registered version ({@code models:/...}). */
    public URI locateModel(String model) {
        return Models.locate(model, services);
    }

    /** Scores the test set, writes report.json and report.html, logs an evaluation run. */
    public OutputLine evaluate(URI model, URI data, URI out, String parentRunId, String experiment) {
        Outputs.requireWritable(out);
        ModelBundle bundle = Models.open(model, services);
        MvtecDataset dataset = Datasets.open(data, services);
        ReportCollector collector = new ReportCollector();
        Evaluation evaluation;
        int total = dataset.testSamples().size();
        AtomicInteger scored = new AtomicInteger();
        try (Detector detector = Detector.load(bundle)) {
            evaluation = Evaluator.evaluate(detector, dataset, collector.andThen((sample, result) -> {
                int done = scored.incrementAndGet();
                if (done % 50 == 0 || done == total) {
                    LOG.infof("evaluate: %d/%d test images scored", done, total);
                }
            }));
        }
        Path staging = new WorkFolder(out, services).staging("report").resolve("report");
        ReportWriter.write(staging, evaluation, bundle, collector);
        ArtifactStore store = services.store(out);
        URI json = ArtifactUris.resolve(out, ReportWriter.JSON);
        URI html = ArtifactUris.resolve(out, ReportWriter.HTML);
        store.uploadFile(staging.resolve(ReportWriter.HTML), html);
        store.uploadFile(staging.resolve(ReportWriter.JSON), json);
        Metrics m = evaluation.metrics();
        try (RunTracker tracker = services.tracker(Runs.inside(out, services))) {
            TrackedRun run = evaluationRun(tracker, parentRunId, experiment);
            boolean child = parentRunId != null && !run.runName().equals(STANDALONE_EVALUATION);
            String runId = Runs.finish(tracker, run, r -> {
                List<Metric> metrics = new ArrayList<>();
                metricsOf(m).forEach((k, v) -> metrics.add(Metric.of(k, v, 0)));
                tracker.logMetrics(r.runId(), metrics);
                tracker.setTags(r.runId(), Map.of("model", model.toString(), "dataset", data.toString(),
                        "bundle_hash", bundle.manifest().contentHash()));
                tracker.uploadArtifact(r.runId(), staging, "report");
                if (child) {
                    tracker.logMetrics(parentRunId, metrics);
                }
                return r.runId();
            });
            LOG.infof("evaluated %d images: image AUROC %.4f, pixel AUROC %s, AUPRO %s", evaluation.samples().size(),
                    m.imageAuroc(), m.pixelAuroc(), m.aupro());
            OutputLine line = new OutputLine().output("report", json.toString()).output("reportHtml", html.toString())
                    .output("runId", runId);
            metricsOf(m).forEach((k, v) -> line.output(camel(k), v).metric(k, v));
            return line;
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    /** A child of the retrain's run when there is one this tracker knows, else a run of its own. */
    private TrackedRun evaluationRun(RunTracker tracker, String parentRunId, String experiment) {
        if (parentRunId != null) {
            try {
                return tracker.startChildRun(parentRunId, "evaluation");
            } catch (ArtifactNotFoundException e) {
                // local run records of the retrain live elsewhere: MLflow would have found the parent
                LOG.warnf("parent run %s not found among local run records; logging a stand-alone evaluation run", parentRunId);
            }
        }
        return tracker.startRun(tracker.experiment(experiment), STANDALONE_EVALUATION);
    }

    /**
     * Registers the bundle as a model version if the report passes the gate ({@link RegisteredVersions}): an MLflow
     * Model in the run's artifacts, its bundle served to the services from the copy under {@code modelsRoot}, not
     * from {@code model}: that one lives in the retrain's folder, which may be expired.
     */
    public OutputLine register(URI model, URI report, String name, Gate gate, String runId, ModelsRoot modelsRoot) {
        JsonNode metrics = readReport(report);
        Optional<String> failure = gate.check(metrics);
        if (failure.isPresent()) {
            LOG.warnf("not registering %s: %s", name, failure.get());
            return new OutputLine().output("registered", false).output("name", name).output("reason", failure.get());
        }
        RegisteredVersion registered = new RegisteredVersions(services).register(model, name, runId, modelsRoot, metrics);
        return new OutputLine().output("registered", true).output("name", name).output("version", registered.version().version())
                .output("source", registered.bundle().toString()).output("versionSource", registered.version().source());
    }

    /** Moves an alias to a version and tells who held it before (a rollback is one more promote). */
    public OutputLine promote(String name, int version, String alias) {
        Optional<Integer> previous = services.registry().setAlias(name, alias, version);
        LOG.infof("%s@%s now points to version %d; previously %s%s", name, alias, version,
                previous.map(String::valueOf).orElse("unset"),
                previous.map(p -> " (roll back: promote --name " + name + " --version " + p + " --alias " + alias + ")").orElse(""));
        return new OutputLine().output("name", name).output("alias", alias).output("version", version)
                .output("previousVersion", previous.orElse(null));
    }

    /** Fails with a usage error when a local output location cannot be written. */
    public void checkWritable(URI output) {
        Outputs.requireWritable(output);
    }

    /** Every network of the configured tree in training order. */
    public static List<NetworkId> tree(TrainingConfig config) {
        List<NetworkId> ids = new ArrayList<>(List.of(NetworkId.DOCTOR));
        for (int i = 1; i <= config.masters(); i++) {
            ids.add(NetworkId.master(i));
        }
        for (int i = 1; i <= config.masters(); i++) {
            for (int j = 1; j <= config.bachelors(); j++) {
                ids.add(NetworkId.bachelor(i, j));
            }
        }
        return ids;
    }

    private NetworkParameters initialWeights(URI savedModel, TrainingConfig config, int channels) {
        Path local = ArtifactUris.isLocal(savedModel) ? ArtifactUris.toPath(savedModel)
                : services.cacheDir().resolve("init").resolve(WorkFolder.shortHash(savedModel.toString()));
        try {
            if (!ArtifactUris.isLocal(savedModel)) {
                // a tree: a pre-trained SavedModel uploaded by other tools, or the model inside a published network folder
                services.store(savedModel).downloadTree(savedModel, local);
            }
            return SavedModels.readParameters(local, NetworkSpec.of(config.network(), config.patchSize(), channels));
        } catch (ArtifactNotFoundException | IllegalArgumentException e) {
            throw new ExitCodes.BadDataException("cannot start the doctor from " + savedModel + ": " + e.getMessage(), e);
        }
    }

    private static void checkInTree(NetworkId id, TrainingConfig config) {
        if (id.master() > config.masters() || id.index() > config.bachelors()) {
            throw new ExitCodes.UsageException(id + " is not in this tree: it has " + config.masters()
                    + " masters with " + config.bachelors() + " bachelors each");
        }
    }

    private static String parent(String override, Prep prep) {
        return override != null && !override.isBlank() ? override : prep.parentRunId();
    }

    private JsonNode readReport(URI report) {
        try {
            return Json.MAPPER.readTree(services.store(report).readText(report));
        } catch (ArtifactNotFoundException e) {
            throw new ExitCodes.UsageException("report " + report + " not found: run evaluate first");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ExitCodes.BadDataException("report " + report + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Double> metricsOf(Metrics m) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("image_auroc", m.imageAuroc());
        values.put("pixel_auroc", m.pixelAuroc());
        values.put("aupro", m.aupro());
        values.put("f1_max", m.f1Max());
        values.put("threshold", m.threshold());
        values.values().removeIf(v -> v == null);
        return values;
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static double finalLoss(Progress progress, Runnable training) {
        training.run();
        return progress.lastLoss();
    }

    private static RuntimeException rethrow(Exception e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
}

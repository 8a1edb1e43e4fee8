package io.stereotype.trainer;

import io.stereotype.core.TreeTraining;
import io.stereotype.core.infer.SavedModels;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingResult;
import io.stereotype.core.train.TrainingSet;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.ArtifactUris;
import io.stereotype.mlops.tracking.DatasetInput;
import io.stereotype.mlops.tracking.RunTracker;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** Steps {@code train-doctor} and {@code train-student}: trains one network of the tree and publishes its folder. */
@ApplicationScoped
public class TrainStep {
    private static final Logger LOG = Logger.getLogger(TrainStep.class);
    private static final String DEVICE = System.getenv().getOrDefault("STEREOTYPE_DEVICE", "cpu");
    private final Services services;

    public TrainStep(Services services) {
        this.services = services;
    }

    /** A published network folder, the child run that trained it and its last epoch's mean loss. */
    public record Result(URI model, String runId, double loss) implements StepResult {
        @Override
        public OutputLine toOutputLine() {
            return new OutputLine().output("model", model.toString()).output("runId", runId).output("loss", loss)
                    .metric("loss", loss);
        }
    }

    /** Trains the doctor (NetworkId.DOCTOR) or one student. */
    public Result run(URI work, NetworkId id, String parentRunId) {
        return run(work, id, parentRunId, null);
    }

    /** @param doctorInit SavedModel (folder URI) whose weights the doctor starts from, or null */
    public Result run(URI work, NetworkId id, String parentRunId, URI doctorInit) {
        WorkFolder folder = new WorkFolder(work, services);
        Prep prep = folder.readPrep();
        TrainingConfig config = prep.config();
        try {
            config.tree().requireContains(id);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException(e.getMessage());
        }
        boolean doctor = id.role() == NetworkId.Role.DOCTOR;
        // with doctor data, only the doctor trains on it: the students regress it on the normal images
        DoctorData doctorData = doctor ? DoctorData.of(prep, services) : null;
        TrainingSet set = doctorData != null ? doctorData.trainingSet(config) : Datasets.prepared(prep, services);
        Path teacher = doctor ? null : folder.fetchNetwork(config.tree().teacherOf(id));
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
                Progress progress = new Progress(tracker, run.runId(), doctor ? "cross_entropy" : "regression");
                Path staging = folder.staging(id.name()).resolve(id.name());
                TrainingResult trained = doctor
                        ? TreeTraining.trainDoctor(config, set, initial, staging, progress)
                        : TreeTraining.trainStudent(config, set, id, teacher, staging, progress);
                URI published = folder.publishNetwork(id, staging);
                tracker.uploadArtifact(run.runId(), staging, "network");
                LOG.infof("%s published to %s", id, published);
                return new Result(published, run.runId(), trained.lastEpoch().loss());
            });
        } catch (Exception e) {
            throw Runs.rethrow(e);
        }
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

    private static String parent(String override, Prep prep) {
        return override != null && !override.isBlank() ? override : prep.parentRunId();
    }
}

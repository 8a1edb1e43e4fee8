package io.stereotype.trainer;

import io.stereotype.core.TreeTraining;
import io.stereotype.core.infer.SavedModels;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.PretextCheck;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.Sampling;
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
    /** MLflow tag of a pretext doctor whose loss ended near chance. */
    public static final String PRETEXT_WARNING_TAG = "doctor_warning";
    private static final String DEVICE = System.getenv().getOrDefault("STEREOTYPE_DEVICE", "cpu");
    private final Services services;
    private final DoctorWeights weights;

    public TrainStep(Services services, DoctorWeights weights) {
        this.services = services;
        this.weights = weights;
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
        return run(work, id, parentRunId, null, null);
    }

    /**
     * @param doctorInit    SavedModel (folder URI) whose weights a trained doctor starts from, or null
     * @param doctorWeights the pretrained doctor's weights file, or null for the configured one
     */
    public Result run(URI work, NetworkId id, String parentRunId, URI doctorInit, Path doctorWeights) {
        WorkFolder folder = new WorkFolder(work, services);
        Prep prep = folder.readPrep();
        TrainingConfig config = prep.config();
        try {
            config.tree().requireContains(id);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException(e.getMessage());
        }
        boolean doctor = id.role() == NetworkId.Role.DOCTOR;
        DoctorKind kind = prep.doctorKind();
        if (kind == DoctorKind.PRETRAINED && doctorInit != null) {
            throw new ExitCodes.UsageException("--init starts a trained doctor from other weights; this retrain's doctor is"
                    + " the pretrained one, which is not trained");
        }
        // the pretrained doctor's weights: for exporting it, and for its students, the masters
        Path backbone = kind == DoctorKind.PRETRAINED && (doctor || id.role() == NetworkId.Role.MASTER)
                ? weights.verified(doctorWeights, prep.doctorWeightsSha256()) : null;
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
                params.put("doctor", Runs.doctorName(kind));
                if (backbone != null) {
                    tags.put("doctor_weights_sha256", prep.doctorWeightsSha256());
                }
                tracker.logParams(run.runId(), params);
                tracker.setTags(run.runId(), tags);
                tracker.logDataset(run.runId(), doctorData != null
                        ? Runs.dataset(doctorData.uri().toString(), doctorData.hash(), DatasetInput.TRAINING)
                        : Runs.dataset(prep.data(), prep.datasetHash(), DatasetInput.TRAINING));
                Progress progress = new Progress(tracker, run.runId(), doctor ? "cross_entropy" : "regression");
                Path staging = folder.staging(id.name()).resolve(id.name());
                double loss;
                if (doctor && kind == DoctorKind.PRETRAINED) {
                    TreeTraining.exportPretrainedDoctor(config, set, backbone, staging);
                    loss = 0; // nothing trained: the backbone is the doctor
                    LOG.info(config.sampling() == Sampling.DENSE
                            ? "the pretrained doctor's statistics measured on its maps of an epoch of normal training crops"
                            : "the pretrained doctor's statistics measured on " + config.statisticsPatches() + " normal patches");
                } else {
                    TrainingResult trained = doctor
                            ? TreeTraining.trainDoctor(config, set, initial, staging, progress)
                            : TreeTraining.trainStudent(config, set, id, teacher, backbone, staging, progress);
                    loss = trained.lastEpoch().loss();
                    if (doctor && kind == DoctorKind.PRETEXT) {
                        warnIfPretextFailed(tracker, run.runId(), parent(parentRunId, prep), trained.lastEpoch().regression());
                    }
                }
                URI published = folder.publishNetwork(id, staging);
                tracker.uploadArtifact(run.runId(), staging, "network");
                LOG.infof("%s published to %s", id, published);
                return new Result(published, run.runId(), loss);
            });
        } catch (Exception e) {
            throw Runs.rethrow(e);
        }
    }

    /** Says so in the log and on the doctor's and the retrain's runs when the pretext doctor learnt nothing. */
    private static void warnIfPretextFailed(RunTracker tracker, String doctorRun, String parentRun, double crossEntropy) {
        var warning = PretextCheck.warning(crossEntropy);
        if (warning.isPresent()) {
            LOG.warn(warning.get());
            tracker.setTags(doctorRun, Map.of(PRETEXT_WARNING_TAG, warning.get()));
            if (parentRun != null) {
                tracker.setTags(parentRun, Map.of(PRETEXT_WARNING_TAG, warning.get()));
            }
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
            return SavedModels.readParameters(local, config.networkSpec(channels));
        } catch (ArtifactNotFoundException | IllegalArgumentException e) {
            throw new ExitCodes.BadDataException("cannot start the doctor from " + savedModel + ": " + e.getMessage(), e);
        }
    }

    private static String parent(String override, Prep prep) {
        return override != null && !override.isBlank() ? override : prep.parentRunId();
    }
}

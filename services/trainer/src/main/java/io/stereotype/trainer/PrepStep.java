package io.stereotype.trainer;

import io.stereotype.core.data.DatasetValidator;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.pretrained.PretrainedDoctor;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.mlops.tracking.DatasetInput;
import io.stereotype.mlops.tracking.RunTracker;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** Step {@code prep}: validates the data set (and the doctor's, if any), fixes the configuration and opens the parent run. */
@ApplicationScoped
public class PrepStep {
    private static final Logger LOG = Logger.getLogger(PrepStep.class);
    private final Services services;
    private final DoctorWeights weights;

    public PrepStep(Services services, DoctorWeights weights) {
        this.services = services;
        this.weights = weights;
    }

    /** What later steps of the retrain need from prep. */
    public record Result(URI work, String datasetHash, int trainImages, int testImages, String parentRunId)
            implements StepResult {
        @Override
        public OutputLine toOutputLine() {
            return new OutputLine().output("work", work.toString()).output("datasetHash", datasetHash)
                    .output("trainImages", trainImages).output("testImages", testImages).output("parentRunId", parentRunId);
        }
    }

    /**
     * @param doctor        the doctor's kind
     * @param doctorData    labelled data set (one folder per class) the labelled doctor learns to classify, else null
     * @param doctorWeights the pretrained doctor's weights file named on the command line, or null (configured default)
     */
    public Result run(URI data, DoctorKind doctor, URI doctorData, Path doctorWeights, URI work, TrainingConfig config,
                      String experiment) {
        Outputs.requireWritable(work);
        // before reading any image: a missing weights file is the most likely mistake of a new user
        String weightsSha256 = doctor == DoctorKind.PRETRAINED ? PretrainedDoctor.sha256(weights.locate(doctorWeights)) : null;
        Path local = Datasets.local(data, services);
        // every problem of the data set at once (unreadable files, mask sizes, mixed channels), before any training
        DatasetValidator.validate(local).throwIfInvalid();
        MvtecDataset dataset = MvtecDataset.open(local);
        String hash = Datasets.contentHash(local);
        // fail here, not in the doctor's container, when images are unusable
        InputNormalization normalization = Datasets.trainingSet(dataset, config, null).normalization();
        int channels = normalization.channels();
        DoctorData labelled = doctorData == null ? null : DoctorData.check(doctorData, services, config, channels);
        WorkFolder folder = new WorkFolder(work, services);
        try (RunTracker tracker = services.tracker(Runs.besideWork(work, services))) {
            String experimentId = tracker.experiment(experiment);
            return Runs.parent(tracker, experimentId, "retrain " + Instant.now(), parent -> {
                Map<String, Object> params = new LinkedHashMap<>(Runs.params(config));
                Map<String, String> tags = new LinkedHashMap<>(Map.of("dataset", data.toString(), "dataset_hash", hash,
                        "work", work.toString(), "code_version", Runs.codeVersion()));
                params.put("doctor", Runs.doctorName(doctor));
                if (weightsSha256 != null) {
                    tags.put("doctor_weights_sha256", weightsSha256);
                    LOG.infof("the doctor is the pretrained EfficientNet-Lite0 (weights SHA-256 %s)", weightsSha256);
                }
                if (labelled != null) {
                    params.putAll(labelled.params());
                    tags.putAll(labelled.tags());
                    LOG.infof("the doctor classifies %s: %d classes %s", doctorData, labelled.folder().classNames().size(),
                            labelled.folder().imagesPerClass());
                }
                tracker.logParams(parent.runId(), params);
                tracker.setTags(parent.runId(), tags);
                tracker.logDataset(parent.runId(), Runs.dataset(data.toString(), hash, DatasetInput.TRAINING));
                if (labelled != null) {
                    tracker.logDataset(parent.runId(), Runs.dataset(doctorData.toString(), labelled.hash(), DatasetInput.TRAINING));
                }
                folder.writePrep(new Prep(Prep.FORMAT_VERSION, data.toString(), hash, dataset.trainImages().size(),
                        dataset.testSamples().size(), config, experiment, parent.runId(), Instant.now().toString(),
                        labelled == null ? null : doctorData.toString(), labelled == null ? null : labelled.hash(),
                        normalization, labelled == null ? null : labelled.normalization(), doctor, weightsSha256));
                LOG.infof("prepared %s: %d training images, %d test images, parent run %s", data,
                        dataset.trainImages().size(), dataset.testSamples().size(), parent.runId());
                return new Result(work, hash, dataset.trainImages().size(), dataset.testSamples().size(), parent.runId());
            });
        } catch (Exception e) {
            throw Runs.rethrow(e);
        }
    }
}

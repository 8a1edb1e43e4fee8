package io.stereotype.trainer;

import io.stereotype.core.data.DatasetValidator;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.net.InputNormalization;
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

    public PrepStep(Services services) {
        this.services = services;
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
     * @param doctorData labelled data set (one folder per class) the doctor learns to classify, or
     *                   null for the rotation pretext on the normal images
     */
    public Result run(URI data, URI doctorData, URI work, TrainingConfig config, String experiment) {
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
                return new Result(work, hash, dataset.trainImages().size(), dataset.testSamples().size(), parent.runId());
            });
        } catch (Exception e) {
            throw Runs.rethrow(e);
        }
    }
}

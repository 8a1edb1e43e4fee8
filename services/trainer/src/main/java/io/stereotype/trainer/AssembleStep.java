package io.stereotype.trainer;

import io.stereotype.core.TreeTraining;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.train.TrainingSet;
import io.stereotype.mlops.tracking.RunTracker;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/** Step {@code assemble}: calibrates the trained tree on held-out normal images and publishes the model bundle. */
@ApplicationScoped
public class AssembleStep {
    private static final Logger LOG = Logger.getLogger(AssembleStep.class);
    private final Services services;

    public AssembleStep(Services services) {
        this.services = services;
    }

    /** The published bundle, its content hash and the decision threshold calibrated into it. */
    public record Result(URI bundle, String bundleHash, double decisionThreshold) implements StepResult {
        @Override
        public OutputLine toOutputLine() {
            return new OutputLine().output("bundle", bundle.toString()).output("bundleHash", bundleHash)
                    .output("decisionThreshold", decisionThreshold).metric("decision_threshold", decisionThreshold);
        }
    }

    public Result run(URI work, URI out) {
        Outputs.requireWritable(out);
        WorkFolder folder = new WorkFolder(work, services);
        Prep prep = folder.readPrep();
        ModelDescription model = prep.config().model(prep.doctorKind());
        TrainingSet set = Datasets.prepared(prep, services);
        Map<NetworkId, Path> networks = new LinkedHashMap<>();
        for (NetworkId id : model.tree().networks()) {
            networks.put(id, folder.fetchNetwork(id));
        }
        Path staging = folder.staging("bundle").resolve("bundle");
        ModelBundle bundle = TreeTraining.assemble(model, set, networks, staging);
        services.store(out).uploadFolder(staging, out);
        String hash = bundle.manifest().contentHash();
        try (RunTracker tracker = services.tracker(Runs.besideWork(work, services))) {
            tracker.uploadArtifact(prep.parentRunId(), staging, "bundle");
            tracker.setTags(prep.parentRunId(), Map.of("bundle", out.toString(), "bundle_hash", hash));
        } catch (Exception e) {
            throw Runs.rethrow(e);
        }
        LOG.infof("bundle of %d networks published to %s (threshold %.4f)", networks.size(), out, bundle.calibration().threshold());
        return new Result(out, hash, bundle.calibration().threshold());
    }
}

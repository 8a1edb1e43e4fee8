package io.stereotype.core.report;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainingSummary;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the bundle's network folders recorded of their training, in tree order (doctor, masters,
 * bachelors). A folder without a description (synthetic bundles in tests) counts as unknown, and so
 * does a description without a training summary (bundles written before it was recorded).
 *
 * @param descriptions the description of each network whose folder has one
 */
record NetworkTraining(Map<NetworkId, NetworkFolder.Description> descriptions, List<NetworkId> networks) {

    static NetworkTraining of(ModelBundle bundle) {
        Map<NetworkId, NetworkFolder.Description> descriptions = new LinkedHashMap<>();
        bundle.networks().forEach((id, folder) -> {
            if (Files.isRegularFile(folder.resolve(NetworkFolder.DESCRIPTION))) {
                descriptions.put(id, NetworkFolder.describe(folder));
            }
        });
        return new NetworkTraining(descriptions, List.copyOf(bundle.networks().keySet()));
    }

    /** The network's training summary, or null when unknown or when it was not trained (the pretrained doctor). */
    TrainingSummary summary(NetworkId id) {
        NetworkFolder.Description description = descriptions.get(id);
        return description == null ? null : description.training();
    }

    boolean pretrained(NetworkId id) {
        NetworkFolder.Description description = descriptions.get(id);
        return description != null && description.isPretrainedBackbone();
    }

    /** Whether any network recorded how its training ended (false for bundles written before that was recorded). */
    boolean recorded() {
        return networks.stream().anyMatch(id -> summary(id) != null);
    }

    /** What the doctor's last loss is: a cross-entropy, not a regression. */
    static String lastLossName(NetworkId id) {
        return id.role() == NetworkId.Role.DOCTOR ? "cross-entropy" : "standardised regression";
    }

    /** One warning naming every network that stalled, with its final and first-to-last losses, if any did. */
    List<String> stalledWarning() {
        List<String> stalled = new ArrayList<>();
        for (NetworkId id : networks) {
            TrainingSummary summary = summary(id);
            if (summary != null && summary.stalled()) {
                String floor = summary.regressionFloor() > 0
                        ? String.format(Locale.ROOT, " against a floor of %.3f", summary.regressionFloor()) : "";
                stalled.add(String.format(Locale.ROOT, "%s (final %s %.3f%s, loss %.3f to %.3f)", id.name(), lastLossName(id),
                        summary.regression(), floor, summary.firstLoss(), summary.loss()));
            }
        }
        if (stalled.isEmpty()) {
            return List.of();
        }
        return List.of(String.format(Locale.ROOT, "training stalled for %d of %d networks: %s. A student stalls when its"
                        + " standardised regression ends %.0f%% of the way from its floor to 1.0 or further (1.0 is predicting its"
                        + " teacher's mean, the floor the lowest its network can reach against that teacher), any network when its"
                        + " loss drops less than %.0f%% of the way from the first epoch's to its floor; a stalled network's part of the anomaly"
                        + " score is mostly noise. Retrain with a higher learning rate or more epochs, or check its teacher"
                        + " (--fail-on-stalled makes training fail instead)", stalled.size(), networks.size(),
                String.join(", ", stalled), 100 * TrainingSummary.MAX_STUDENT_REGRESSION, 100 * TrainingSummary.MIN_DROP));
    }
}

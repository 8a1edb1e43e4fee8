package io.stereotype.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.io.Json;
import io.stereotype.core.model.NetworkId;
import io.stereotype.core.model.TrainingSummary;
import io.stereotype.core.net.NetworkVariant;
import io.stereotype.core.train.EpochLosses;
import io.stereotype.core.train.TrainingHealth;

/** network.json contents for report tests, with the training-health verdict training gives on the stated losses. */
final class TrainedNetworkJson {
    static final int EPOCHS = 20;

    private TrainedNetworkJson() {
    }

    /** A network trained for {@link #EPOCHS} epochs whose total loss went from {@code first} to {@code last}. */
    static NetworkFolder.Description trained(NetworkId id, double first, double last, double lastRegression, Double pretextLoss) {
        return description(id, pretextLoss, summary(id, first, last, lastRegression, 0));
    }

    /** A student as {@link #trained} whose network cannot regress its teacher below {@code floor}. */
    static NetworkFolder.Description trainedAgainstFloor(NetworkId id, double first, double last, double lastRegression, double floor) {
        return description(id, null, summary(id, first, last, lastRegression, floor));
    }

    private static TrainingSummary summary(NetworkId id, double first, double last, double lastRegression, double floor) {
        EpochLosses lastEpoch = new EpochLosses(last, lastRegression, 0.05, 1, 64, 64);
        return TrainingHealth.of(id, new EpochLosses(first, first, 0.1, 1, 64, 64), lastEpoch, EPOCHS, floor, 0.9).summary(lastEpoch);
    }

    /** As a folder written before training summaries were kept: no {@code training} key at all. */
    static ObjectNode untracked(NetworkId id) {
        ObjectNode json = Json.MAPPER.valueToTree(description(id, null, null));
        json.remove("training");
        return json;
    }

    /** The pretrained doctor's folder: a backbone, nothing trained. */
    static NetworkFolder.Description pretrainedDoctor() {
        return new NetworkFolder.Description(NetworkId.DOCTOR.name(), NetworkVariant.PAPER, 64, 3, 4, new float[3],
                new float[] {1, 1, 1}, new float[2], new float[] {1, 1}, 2, NetworkFolder.PRETRAINED_BACKBONE, java.util.List.of(4, 10),
                "0".repeat(64), 0.7, null, null);
    }

    private static NetworkFolder.Description description(NetworkId id, Double pretextLoss, TrainingSummary summary) {
        return new NetworkFolder.Description(id.name(), NetworkVariant.PAPER, 64, 3, 4, new float[3], new float[] {1, 1, 1},
                new float[2], new float[] {1, 1}, 2, null, null, null, null, pretextLoss, summary);
    }
}

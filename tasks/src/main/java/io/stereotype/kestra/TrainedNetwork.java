package io.stereotype.kestra;

import io.kestra.core.models.tasks.Output;
import io.swagger.v3.oas.annotations.media.Schema;
import lombok.Builder;
import lombok.Getter;

import java.net.URI;

/** What training one network (doctor, master or bachelor) produced. */
@Builder
@Getter
public class TrainedNetwork implements Output {
    @Schema(title = "The trained network's SavedModel folder, under the work URI.")
    private final URI model;

    @Schema(title = "The MLflow run of this network, a child of the pipeline's parent run.")
    private final String runId;

    @Schema(title = "The final training loss.")
    private final Double loss;

    static TrainedNetwork from(TrainerOutputs outputs) {
        return TrainedNetwork.builder()
            .model(outputs.uri("model"))
            .runId(outputs.string("runId"))
            .loss(outputs.number("loss"))
            .build();
    }
}

package io.stereotype.kestra;

import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.RunnableTask;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

/**
 * A step that trains one network. Training wants a GPU, so unlike the other steps its defaults are the CUDA image
 * and a Docker runner requesting the node's NVIDIA GPUs; a flow that sets {@code taskRunner} or
 * {@code containerImage} replaces them as usual.
 */
@SuperBuilder
@ToString
@EqualsAndHashCode
@Getter
// RunnableTask is repeated with the concrete output: Kestra's documentation looks for the output class there
public abstract class TrainingTask extends TrainerTask<TrainedNetwork> implements RunnableTask<TrainedNetwork> {
    @Schema(title = "The work URI of this retrain, as returned by the prep step.")
    @NotNull
    protected Property<String> work;

    @Schema(title = "The MLflow parent run of this retrain; the network's run becomes its child.")
    protected Property<String> parentRunId;

    /**
     * Kestra builds tasks two ways: flows through this constructor (Jackson), code and the plugin documentation
     * through the builder. Both start from the same GPU defaults.
     */
    protected TrainingTask() {
        this.taskRunner = TrainerDefaults.gpuDockerRunner();
        this.containerImage = Property.ofValue(TrainerDefaults.CUDA_IMAGE);
    }

    @Override
    protected TrainedNetwork output(TrainerOutputs outputs) {
        return TrainedNetwork.from(outputs);
    }

    public abstract static class TrainingTaskBuilder<C extends TrainingTask, B extends TrainingTaskBuilder<C, B>>
        extends TrainerTask.TrainerTaskBuilder<TrainedNetwork, C, B> {
        protected TrainingTaskBuilder() {
            taskRunner(TrainerDefaults.gpuDockerRunner());
            containerImage(Property.ofValue(TrainerDefaults.CUDA_IMAGE));
        }
    }
}

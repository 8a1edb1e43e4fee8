package io.stereotype.kestra;

import io.kestra.core.exceptions.IllegalVariableEvaluationException;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.RunnableTask;
import io.kestra.core.models.tasks.runners.TaskRunner;
import io.kestra.core.runners.RunContext;
import io.kestra.plugin.scripts.runner.docker.DeviceRequest;
import io.kestra.plugin.scripts.runner.docker.Docker;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import lombok.EqualsAndHashCode;
import lombok.Getter;
import lombok.ToString;
import lombok.experimental.SuperBuilder;

import java.util.List;
import java.util.Map;

/**
 * A step that trains one network. Training wants a GPU, so unlike the other steps its defaults are the CUDA image
 * and a Docker runner requesting one NVIDIA GPU; a flow that sets {@code taskRunner} or {@code containerImage}
 * replaces them as usual. {@code gpuDevices} pins the step to its own GPU, so steps that run at once on one node
 * do not share a device.
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

    @Schema(
        title = "The GPU(s) of this step, by device index or UUID (e.g. `[\"1\"]`); empty: one GPU of Docker's choosing.",
        description = "With the Docker runner's GPU request (the default), the request names these devices instead of a "
            + "count: Docker gives `count: 1` the node's first GPU every time, so parallel steps would all share GPU 0. With "
            + "`localProcess`, the trainer process gets `CUDA_VISIBLE_DEVICES` set to them. Other runners ignore it."
    )
    protected Property<List<String>> gpuDevices;

    /**
     * Kestra builds tasks two ways: flows through this constructor (Jackson), code and the plugin documentation
     * through the builder. Both start from the same GPU defaults.
     */
    protected TrainingTask() {
        this.taskRunner = TrainerDefaults.gpuDockerRunner();
        this.containerImage = Property.ofValue(TrainerDefaults.CUDA_IMAGE);
    }

    @Override
    TaskRunner<?> runner(RunContext runContext) throws IllegalVariableEvaluationException {
        TaskRunner<?> runner = super.runner(runContext);
        List<String> devices = devices(runContext);
        if (devices.isEmpty() || !(runner instanceof Docker docker) || docker.getDeviceRequests() == null) {
            return runner;
        }
        List<DeviceRequest> requests = docker.getDeviceRequests().stream()
            .map(request -> (DeviceRequest) DeviceRequest.builder().driver(request.getDriver()).capabilities(request.getCapabilities())
                .options(request.getOptions()).deviceIds(Property.ofValue(devices)).build())
            .toList();
        return docker.toBuilder().deviceRequests(requests).build();
    }

    /** A local trainer process sees only its own GPUs. */
    @Override
    protected Map<String, String> stepEnvironment(RunContext runContext) throws IllegalVariableEvaluationException {
        List<String> devices = devices(runContext);
        boolean local = runContext.render(localProcess).as(Boolean.class).orElse(false);
        return local && !devices.isEmpty() ? Map.of("CUDA_VISIBLE_DEVICES", String.join(",", devices)) : Map.of();
    }

    private List<String> devices(RunContext runContext) throws IllegalVariableEvaluationException {
        return runContext.render(gpuDevices).asList(String.class).stream().map(String::strip).filter(d -> !d.isEmpty()).toList();
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

package io.stereotype.kestra;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.flows.FlowWithSource;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.Task;
import io.kestra.core.runners.RunContext;
import io.kestra.core.runners.RunContextFactory;
import io.kestra.core.services.FlowParsingService;
import io.kestra.core.utils.TestsUtils;
import io.kestra.plugin.scripts.runner.docker.DeviceRequest;
import io.kestra.plugin.scripts.runner.docker.Docker;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

/** Where tasks run when a flow says nothing: asserted on the task objects, nothing is run. */
@KestraTest
class TaskRunnerDefaultsTest {
    @Inject
    RunContextFactory runContextFactory;

    @Inject
    FlowParsingService flowParsingService;

    @Test
    void trainingTaskFromAFlowDefaultsToTheCudaImageOnDockerWithAGpu() throws Exception {
        assertGpuDocker(taskOf("""
            id: gpu
            namespace: io.stereotype
            tasks:
              - id: master
                type: io.stereotype.kestra.TrainMaster
                work: s3://stereotype/work/1
                master: 1
            """));
    }

    @Test
    void trainingTaskFromTheBuilderHasTheSameDefaults() throws Exception {
        assertGpuDocker(TrainBachelor.builder().id("bachelor").type(TrainBachelor.class.getName())
            .work(Property.ofValue("s3://stereotype/work/1"))
            .master(Property.ofValue(1))
            .bachelor(Property.ofValue(1))
            .build());
    }

    @Test
    void otherTasksDefaultToTheCpuImageOnDockerWithoutGpu() throws Exception {
        TrainerTask<?> evaluate = taskOf("""
            id: cpu
            namespace: io.stereotype
            tasks:
              - id: evaluate
                type: io.stereotype.kestra.Evaluate
                model: s3://stereotype/work/1/bundle
                data: s3://datasets/bottles
                out: s3://stereotype/work/1/report
            """);
        RunContext runContext = runContext(evaluate);

        assertThat(evaluate.getTaskRunner(), instanceOf(Docker.class));
        assertThat(((Docker) evaluate.getTaskRunner()).getDeviceRequests(), nullValue());
        assertThat(render(runContext, evaluate.getContainerImage()), is("ghcr.io/stereotype/trainer:" + TrainerDefaults.VERSION));
        assertThat(runContext.render(evaluate.getTrainerCommand()).asList(String.class), is(List.of("java", "-jar", "/app/quarkus-run.jar")));
        assertThat(runContext.render(evaluate.getLocalProcess()).as(Boolean.class).orElseThrow(), is(false));
    }

    @Test
    void aFlowCanStillChooseItsOwnRunnerAndImage() throws Exception {
        TrainerTask<?> doctor = taskOf("""
            id: cpu_doctor
            namespace: io.stereotype
            tasks:
              - id: doctor
                type: io.stereotype.kestra.TrainDoctor
                work: s3://stereotype/work/1
                containerImage: ghcr.io/stereotype/trainer:test
                taskRunner:
                  type: io.kestra.plugin.core.runner.Process
            """);

        assertThat(doctor.getTaskRunner(), instanceOf(io.kestra.plugin.core.runner.Process.class));
        assertThat(render(runContext(doctor), doctor.getContainerImage()), is("ghcr.io/stereotype/trainer:test"));
    }

    @Test
    void dockerNetworkJoinsTheGpuRunnerToTheServicesNetwork() throws Exception {
        TrainerTask<?> master = taskOf("""
            id: networked
            namespace: io.stereotype
            tasks:
              - id: master
                type: io.stereotype.kestra.TrainMaster
                work: s3://stereotype/work/1
                master: 1
                dockerNetwork: stereotype
            """);
        Docker runner = (Docker) master.runner(runContext(master));
        assertThat(runner.getNetworkMode(), is("stereotype"));
        assertThat(runner.getDeviceRequests(), hasSize(1));
        assertThat(((Docker) master.getTaskRunner()).getNetworkMode(), nullValue());
    }

    @Test
    void gpuDevicesPinAStepToItsOwnGpu() throws Exception {
        TrainerTask<?> master = taskOf("""
            id: pinned
            namespace: io.stereotype
            tasks:
              - id: master
                type: io.stereotype.kestra.TrainMaster
                work: s3://stereotype/work/1
                master: 2
                gpuDevices: ["{{ 3 % 2 }}"]
            """);
        RunContext runContext = runContext(master);
        DeviceRequest gpu = ((Docker) master.runner(runContext)).getDeviceRequests().getFirst();
        assertThat(runContext.render(gpu.getDeviceIds()).asList(String.class), is(List.of("1")));
        assertThat(gpu.getCount(), nullValue());
        assertThat(render(runContext, gpu.getDriver()), is("nvidia"));
        assertThat(((TrainingTask) master).stepEnvironment(runContext), is(Map.of()));
    }

    @Test
    void aLocalTrainerSeesOnlyItsGpuDevices() throws Exception {
        TrainerTask<?> bachelor = taskOf("""
            id: local_gpu
            namespace: io.stereotype
            tasks:
              - id: bachelor
                type: io.stereotype.kestra.TrainBachelor
                work: /tmp/work
                master: 1
                bachelor: 1
                localProcess: true
                gpuDevices: ["0", "2"]
            """);
        assertThat(((TrainingTask) bachelor).stepEnvironment(runContext(bachelor)), is(Map.of("CUDA_VISIBLE_DEVICES", "0,2")));
    }

    @Test
    void credentialsComeFromConfiguredSecretsOnly() throws Exception {
        TrainerTask<?> evaluate = taskOf("""
            id: secrets
            namespace: io.stereotype
            tasks:
              - id: evaluate
                type: io.stereotype.kestra.Evaluate
                model: /tmp/bundle
                data: /tmp/data
                out: /tmp/out
                credentialSecrets:
                  AWS_ACCESS_KEY_ID: STEREOTYPE_TEST_NOT_CONFIGURED
            """);
        // no SECRET_STEREOTYPE_TEST_NOT_CONFIGURED in this JVM's environment: skipped, not a failure
        assertThat(evaluate.credentials(runContext(evaluate)), is(Map.of()));
    }

    @Test
    void aCredentialSecretNameCannotInjectAnExpression() throws Exception {
        TrainerTask<?> evaluate = taskOf("""
            id: injected
            namespace: io.stereotype
            tasks:
              - id: evaluate
                type: io.stereotype.kestra.Evaluate
                model: /tmp/bundle
                data: /tmp/data
                out: /tmp/out
                credentialSecrets:
                  AWS_ACCESS_KEY_ID: "x') ~ flow.id ~ ('"
            """);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> evaluate.credentials(runContext(evaluate)));
        assertThat(e.getMessage(), containsString("credentialSecrets.AWS_ACCESS_KEY_ID must name a Kestra secret"));
    }

    @Test
    void localProcessWinsOverDocker() throws Exception {
        TrainerTask<?> doctor = taskOf("""
            id: local
            namespace: io.stereotype
            tasks:
              - id: doctor
                type: io.stereotype.kestra.TrainDoctor
                work: /tmp/work
                localProcess: true
                dockerNetwork: stereotype
            """);
        assertThat(doctor.runner(runContext(doctor)), instanceOf(io.kestra.plugin.core.runner.Process.class));
    }

    @Test
    void imagesAreTaggedWithThePluginVersion() {
        assertThat(TrainerDefaults.VERSION, allOf(notNullValue(), not(containsString("${"))));
    }

    private void assertGpuDocker(TrainerTask<?> task) throws Exception {
        RunContext runContext = runContext(task);
        assertThat(render(runContext, task.getContainerImage()), is("ghcr.io/stereotype/trainer-cuda:" + TrainerDefaults.VERSION));
        assertThat(task.getTaskRunner(), instanceOf(Docker.class));
        List<DeviceRequest> requests = ((Docker) task.getTaskRunner()).getDeviceRequests();
        assertThat(requests, hasSize(1));
        DeviceRequest gpu = requests.getFirst();
        assertThat(render(runContext, gpu.getDriver()), is("nvidia"));
        assertThat(runContext.render(gpu.getCount()).as(Integer.class).orElseThrow(), is(1));
        assertThat(runContext.render(gpu.getCapabilities()).asList(List.class), is(List.of(List.of("gpu"))));
    }

    private TrainerTask<?> taskOf(String flow) throws Exception {
        FlowWithSource parsed = flowParsingService.parse("main", flow, true);
        Task task = parsed.getTasks().getFirst();
        return (TrainerTask<?>) task;
    }

    private RunContext runContext(Task task) {
        return TestsUtils.mockRunContext(runContextFactory, task, Map.of());
    }

    private static String render(RunContext runContext, Property<String> property) throws Exception {
        return runContext.render(property).as(String.class).orElseThrow();
    }
}

package io.stereotype.kestra;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.executions.AbstractMetricEntry;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.RunnableTaskException;
import io.kestra.core.runners.RunContext;
import io.kestra.core.runners.RunContextFactory;
import io.kestra.core.utils.TestsUtils;
import io.kestra.plugin.core.runner.Process;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Runs tasks through Kestra's real Process runner. The trainer does not exist yet, so {@code trainerCommand} is a
 * shell one-liner that stands in for the trainer's output line only: it prints what the trainer prints last,
 * {@code ::{"outputs":{...},"metrics":[...]}::}, and these tests check how the tasks read it.
 */
@KestraTest
class TrainerOutputLineTest {
    @Inject
    RunContextFactory runContextFactory;

    @Test
    void trainingOutputsAndMetricsComeFromTheOutputLineAndArgumentsArriveIntact() throws Exception {
        // the stand-in echoes its arguments back: $3 is the work URI, $5 the parent run id (after train-doctor --work)
        TrainDoctor doctor = TrainDoctor.builder().id("doctor").type(TrainDoctor.class.getName())
            .localProcess(Property.ofValue(true))
            .trainerCommand(standInTrainer("""
                echo "::{\\"outputs\\":{\\"model\\":\\"$3/doctor\\",\\"runId\\":\\"$5\\",\\"loss\\":0.25},\
                \\"metrics\\":[{\\"name\\":\\"loss\\",\\"type\\":\\"gauge\\",\\"value\\":0.25}]}::"
                """))
            .work(Property.ofValue("/tmp/my work"))
            .parentRunId(Property.ofValue("run {{ not a template }}"))
            .build();
        RunContext runContext = runContext(doctor);

        TrainedNetwork trained = doctor.run(runContext);

        assertThat(trained.getModel(), is(URI.create("file:///tmp/my%20work/doctor")));
        assertThat(trained.getRunId(), is("run {{ not a template }}"));
        assertThat(trained.getLoss(), is(0.25));
        AbstractMetricEntry<?> loss = runContext.metrics().stream().filter(m -> m.getName().equals("loss")).findFirst().orElseThrow();
        assertThat(loss.getValue(), is(0.25));
    }

    @Test
    void prepOutputs() throws Exception {
        PrepareDataset prep = PrepareDataset.builder().id("prep").type(PrepareDataset.class.getName())
            .taskRunner(Process.instance())
            .trainerCommand(standInTrainer("""
                echo '::{"outputs":{"work":"s3://stereotype/work/1","datasetHash":"sha256:ab","trainImages":60000,"testImages":"10000","parentRunId":"run-0"}}::'
                """))
            .data(Property.ofValue("s3://datasets/bottles"))
            .work(Property.ofValue("s3://stereotype/work/1"))
            .build();

        PrepareDataset.Output out = prep.run(runContext(prep));

        assertThat(out.getWork(), is(URI.create("s3://stereotype/work/1")));
        assertThat(out.getDatasetHash(), is("sha256:ab"));
        assertThat(out.getTrainImages(), is(60000));
        assertThat(out.getTestImages(), is(10000));
        assertThat(out.getParentRunId(), is("run-0"));
    }

    @Test
    void evaluationMetricsWithoutPixelMasks() throws Exception {
        Evaluate evaluate = Evaluate.builder().id("evaluate").type(Evaluate.class.getName())
            .localProcess(Property.ofValue(true))
            .trainerCommand(standInTrainer("""
                echo '::{"outputs":{"report":"/w/report/report.json","reportHtml":"/w/report/report.html","runId":"run-9","imageAuroc":0.97}}::'
                """))
            .model(Property.ofValue("/w/bundle"))
            .data(Property.ofValue("/data/mnist"))
            .out(Property.ofValue("/w/report"))
            .build();

        Evaluate.Output out = evaluate.run(runContext(evaluate));

        assertThat(out.getReport(), is(URI.create("file:///w/report/report.json")));
        assertThat(out.getReportHtml(), is(URI.create("file:///w/report/report.html")));
        assertThat(out.getRunId(), is("run-9"));
        assertThat(out.getImageAuroc(), is(0.97));
        assertThat(out.getPixelAuroc(), nullValue());
        assertThat(out.getAupro(), nullValue());
    }

    @Test
    void registrationRefusedByTheGateHasNoVersion() throws Exception {
        RegisterModel register = RegisterModel.builder().id("register").type(RegisterModel.class.getName())
            .localProcess(Property.ofValue(true))
            .trainerCommand(standInTrainer("""
                echo '::{"outputs":{"registered":false,"name":"bottles"}}::'
                """))
            .model(Property.ofValue("/w/bundle"))
            .report(Property.ofValue("/w/report/report.json"))
            .modelName(Property.ofValue("bottles"))
            .build();

        RegisterModel.Output out = register.run(runContext(register));

        assertThat(out.getRegistered(), is(false));
        assertThat(out.getName(), is("bottles"));
        assertThat(out.getVersion(), nullValue());
    }

    @Test
    void promotionReturnsThePreviousHolder() throws Exception {
        PromoteModel promote = PromoteModel.builder().id("promote").type(PromoteModel.class.getName())
            .localProcess(Property.ofValue(true))
            .trainerCommand(standInTrainer("""
                echo '::{"outputs":{"name":"bottles","alias":"production","version":"7","previousVersion":6}}::'
                """))
            .modelName(Property.ofValue("bottles"))
            .modelVersion(Property.ofValue(7))
            .build();

        PromoteModel.Output out = promote.run(runContext(promote));

        assertThat(out.getVersion(), is(7));
        assertThat(out.getPreviousVersion(), is(6));
        assertThat(out.getAlias(), is("production"));
    }

    @Test
    void missingOutputLineNamesTaskAndCommand() {
        AssembleBundle assemble = assemble(standInTrainer("echo 'assembled, but said nothing'"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> assemble.run(runContext(assemble)));

        assertThat(e.getMessage(), allOf(containsString("Task 'assemble'"), containsString("no output line"),
            containsString("stand-in-trainer assemble --work /w --out /w/bundle")));
    }

    @Test
    void missingOutputKeyNamesIt() {
        AssembleBundle assemble = assemble(standInTrainer("echo '::{\"outputs\":{\"bundel\":\"/w/bundle\"}}::'"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> assemble.run(runContext(assemble)));

        assertThat(e.getMessage(), allOf(containsString("Task 'assemble'"), containsString("no 'bundle'"), containsString("bundel")));
    }

    @Test
    void failedTrainerExplainsItsExitCode() {
        AssembleBundle assemble = assemble(standInTrainer("echo 'no such data set' >&2; exit 3"));

        RunnableTaskException e = assertThrows(RunnableTaskException.class, () -> assemble.run(runContext(assemble)));

        assertThat(e.getMessage(), allOf(containsString("Task 'assemble'"), containsString("code 3 (bad data)"),
            containsString("assemble --work /w --out /w/bundle")));
    }

    private static AssembleBundle assemble(Property<List<String>> trainerCommand) {
        return AssembleBundle.builder().id("assemble").type(AssembleBundle.class.getName())
            .localProcess(Property.ofValue(true))
            .trainerCommand(trainerCommand)
            .work(Property.ofValue("/w"))
            .bundle(Property.ofValue("/w/bundle"))
            .build();
    }

    /** {@code sh -c SCRIPT stand-in-trainer ARGS...}: the task's arguments become $1, $2, ... of the script. */
    private static Property<List<String>> standInTrainer(String script) {
        return Property.ofValue(List.of("sh", "-c", script.strip(), "stand-in-trainer"));
    }

    private RunContext runContext(TrainerTask<?> task) {
        return TestsUtils.mockRunContext(runContextFactory, task, Map.of());
    }
}

package io.stereotype.kestra;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.property.Property;
import io.kestra.core.runners.RunContextFactory;
import io.kestra.core.utils.TestsUtils;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The exact trainer command line each task builds from its properties (docs/cli.md). */
@KestraTest
class CommandLineTest {
    private static final String TRAINER = "java -jar /app/quarkus-run.jar";

    @Inject
    RunContextFactory runContextFactory;

    @Test
    void prepPassesEveryHyperParameter() throws Exception {
        PrepareDataset prep = PrepareDataset.builder().id("prep").type(PrepareDataset.class.getName())
            .data(Property.ofValue("s3://datasets/bottles"))
            .doctorData(Property.ofValue("s3://datasets/inspection classes"))
            .doctor(Property.ofValue("labelled"))
            .work(Property.ofValue("/tmp/my work/1"))
            .masters(Property.ofValue(3))
            .bachelorsPerMaster(Property.ofValue(2))
            .epochs(Property.ofValue(50))
            .patchSize(Property.ofValue(64))
            .imageSize(Property.ofValue(128))
            .network(Property.ofValue(Network.WIDE))
            .seed(Property.ofValue(42L))
            .sampling(Property.ofValue(Sampling.DENSE))
            .experiment(Property.ofValue("bottle's line"))
            .build();

        assertThat(commandLine(prep), is(TRAINER + " prep --data s3://datasets/bottles"
            + " --doctor-data 's3://datasets/inspection classes' --doctor labelled --work '/tmp/my work/1'"
            + " --masters 3 --bachelors 2 --epochs 50 --patch-size 64 --image-size 128 --network wide --seed 42"
            + " --sampling dense --experiment 'bottle'\\''s line'"));
    }

    @Test
    void unsetOrBlankOptionalPropertiesAreLeftToTheTrainer() throws Exception {
        PrepareDataset prep = PrepareDataset.builder().id("prep").type(PrepareDataset.class.getName())
            .data(Property.ofValue("s3://datasets/bottles"))
            .work(Property.ofValue("s3://stereotype/work/1"))
            .epochs(Property.ofExpression("{{ inputs.epochs }}"))
            .doctorData(Property.ofExpression("{{ inputs.doctorData }}"))
            .doctor(Property.ofExpression("{{ inputs.doctor }}"))
            .build();

        assertThat(commandLine(prep, Map.of("epochs", "", "doctorData", "", "doctor", "")),
            is(TRAINER + " prep --data s3://datasets/bottles --work s3://stereotype/work/1"));
    }

    @Test
    void doctor() throws Exception {
        TrainDoctor doctor = TrainDoctor.builder().id("doctor").type(TrainDoctor.class.getName())
            .work(Property.ofValue("s3://stereotype/work/1"))
            .parentRunId(Property.ofValue("run-0"))
            .build();

        assertThat(commandLine(doctor), is(TRAINER + " train-doctor --work s3://stereotype/work/1 --parent-run-id run-0"));
    }

    @Test
    void masterRendersItsIndexFromAnExpression() throws Exception {
        TrainMaster master = TrainMaster.builder().id("master").type(TrainMaster.class.getName())
            .work(Property.ofValue("s3://stereotype/work/1"))
            .master(Property.ofExpression("{{ inputs.index }}"))
            .build();

        assertThat(commandLine(master, Map.of("index", 2)),
            is(TRAINER + " train-student --role master --work s3://stereotype/work/1 --master 2"));
    }

    @Test
    void bachelor() throws Exception {
        TrainBachelor bachelor = TrainBachelor.builder().id("bachelor").type(TrainBachelor.class.getName())
            .work(Property.ofValue("s3://stereotype/work/1"))
            .master(Property.ofValue(2))
            .bachelor(Property.ofValue(1))
            .parentRunId(Property.ofValue("run-0"))
            .build();

        assertThat(commandLine(bachelor), is(TRAINER
            + " train-student --role bachelor --work s3://stereotype/work/1 --master 2 --index 1 --parent-run-id run-0"));
    }

    @Test
    void assemble() throws Exception {
        AssembleBundle assemble = AssembleBundle.builder().id("assemble").type(AssembleBundle.class.getName())
            .work(Property.ofValue("s3://stereotype/work/1"))
            .bundle(Property.ofValue("s3://stereotype/work/1/bundle"))
            .build();

        assertThat(commandLine(assemble), is(TRAINER + " assemble --work s3://stereotype/work/1 --out s3://stereotype/work/1/bundle"));
    }

    @Test
    void evaluate() throws Exception {
        Evaluate evaluate = Evaluate.builder().id("evaluate").type(Evaluate.class.getName())
            .model(Property.ofValue("s3://stereotype/work/1/bundle"))
            .data(Property.ofValue("s3://datasets/bottles"))
            .out(Property.ofValue("s3://stereotype/work/1/report"))
            .parentRunId(Property.ofValue("run-0"))
            .build();

        assertThat(commandLine(evaluate), is(TRAINER + " evaluate --model s3://stereotype/work/1/bundle"
            + " --data s3://datasets/bottles --out s3://stereotype/work/1/report --parent-run-id run-0 --copy-report-to ."));
    }

    @Test
    void registerPassesTheThresholdsThatAreSet() throws Exception {
        RegisterModel register = RegisterModel.builder().id("register").type(RegisterModel.class.getName())
            .model(Property.ofValue("s3://stereotype/work/1/bundle"))
            .report(Property.ofValue("s3://stereotype/work/1/report/report.json"))
            .modelName(Property.ofValue("bottles"))
            .runId(Property.ofValue("run-0"))
            .modelsRoot(Property.ofValue("s3://stereotype/models"))
            .minImageAuroc(Property.ofValue(0.95))
            .minAupro(Property.ofValue(0.3))
            .build();

        assertThat(commandLine(register), is(TRAINER + " register --model s3://stereotype/work/1/bundle"
            + " --report s3://stereotype/work/1/report/report.json --name bottles --run-id run-0 --models-root s3://stereotype/models --min-image-auroc 0.95 --min-aupro 0.3"));
    }

    @Test
    void promote() throws Exception {
        PromoteModel promote = PromoteModel.builder().id("promote").type(PromoteModel.class.getName())
            .modelName(Property.ofValue("bottles"))
            .modelVersion(Property.ofValue(7))
            .alias(Property.ofValue("production"))
            .build();

        assertThat(commandLine(promote), is(TRAINER + " promote --name bottles --version 7 --alias production"));
    }

    @Test
    void localTrainerCommandIsQuotedToo() throws Exception {
        PromoteModel promote = PromoteModel.builder().id("promote").type(PromoteModel.class.getName())
            .trainerCommand(Property.ofValue(List.of("java", "-jar", "/home/me/stereotype main/quarkus-run.jar")))
            .modelName(Property.ofValue("bottles"))
            .modelVersion(Property.ofValue(7))
            .build();

        assertThat(commandLine(promote), is("java -jar '/home/me/stereotype main/quarkus-run.jar' promote --name bottles --version 7"));
    }

    @Test
    void requiredPropertyRenderedToNothingNamesTaskAndFlag() {
        TrainDoctor doctor = TrainDoctor.builder().id("doctor").type(TrainDoctor.class.getName())
            .work(Property.ofExpression("{{ inputs.work }}"))
            .build();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> commandLine(doctor, Map.of("work", " ")));
        assertThat(e.getMessage(), allOf(containsString("'doctor'"), containsString("--work")));
    }

    private String commandLine(TrainerTask<?> task) throws Exception {
        return commandLine(task, Map.of());
    }

    private String commandLine(TrainerTask<?> task, Map<String, Object> inputs) throws Exception {
        return task.commandLine(TestsUtils.mockRunContext(runContextFactory, task, inputs));
    }
}

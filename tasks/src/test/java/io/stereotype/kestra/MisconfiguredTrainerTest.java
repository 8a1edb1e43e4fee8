package io.stereotype.kestra;

import io.kestra.core.junit.annotations.KestraTest;
import io.kestra.core.models.property.Property;
import io.kestra.core.models.tasks.RunnableTaskException;
import io.kestra.core.runners.RunContextFactory;
import io.kestra.core.utils.TestsUtils;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A {@code trainerCommand} that is not the trainer, run through Kestra's real Process runner: the task must say so
 * instead of failing on a missing output later. (Failures of the real trainer: RetrainFlowEndToEndTest.)
 */
@KestraTest
class MisconfiguredTrainerTest {
    @Inject
    RunContextFactory runContextFactory;

    @Test
    void aProgramThatPrintsNoOutputLineIsNamedAsTheSuspect() {
        AssembleBundle assemble = assemble(List.of("echo"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> assemble.run(runContext(assemble)));

        assertThat(e.getMessage(), allOf(containsString("Task 'assemble'"), containsString("no output line"),
            containsString("is trainerCommand a Stereotype trainer?"), containsString("echo assemble --work /w --out /w/bundle")));
    }

    @Test
    void aMissingProgramFailsWithItsExitCodeAndCommand() {
        AssembleBundle assemble = assemble(List.of("/nonexistent/stereotype-trainer"));

        RunnableTaskException e = assertThrows(RunnableTaskException.class, () -> assemble.run(runContext(assemble)));

        assertThat(e.getMessage(), allOf(containsString("Task 'assemble'"), containsString("exited with code 127 (failed)"),
            containsString("/nonexistent/stereotype-trainer assemble --work /w --out /w/bundle")));
    }

    private static AssembleBundle assemble(List<String> trainerCommand) {
        return AssembleBundle.builder().id("assemble").type(AssembleBundle.class.getName())
            .localProcess(Property.ofValue(true))
            .trainerCommand(Property.ofValue(trainerCommand))
            .work(Property.ofValue("/w"))
            .bundle(Property.ofValue("/w/bundle"))
            .build();
    }

    private io.kestra.core.runners.RunContext runContext(TrainerTask<?> task) {
        return TestsUtils.mockRunContext(runContextFactory, task, Map.of());
    }
}

package io.stereotype.kestra;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How the {@code outputs} of the trainer's output line become typed values, as the task runner hands them over. */
class TrainerOutputsTest {
    private static final String COMMAND = "java -jar trainer.jar assemble --work /w --out /w/bundle";

    @Test
    void plainPathsBecomeFileUrisAndUrisStayAsTheyAre() {
        TrainerOutputs outputs = outputs(Map.of("model", "/tmp/my work/doctor", "bundle", "s3://stereotype/work/1/bundle"));

        assertThat(outputs.uri("model"), is(URI.create("file:///tmp/my%20work/doctor")));
        assertThat(outputs.uri("bundle"), is(URI.create("s3://stereotype/work/1/bundle")));
    }

    @Test
    void numbersArriveAsNumbersOrText() {
        TrainerOutputs outputs = outputs(Map.of("trainImages", 60000, "testImages", "10000", "version", 7L, "loss", "0.25", "auroc", 1));

        assertThat(outputs.integer("trainImages"), is(60000));
        assertThat(outputs.integer("testImages"), is(10000));
        assertThat(outputs.integer("version"), is(7));
        assertThat(outputs.number("loss"), is(0.25));
        assertThat(outputs.number("auroc"), is(1.0));
    }

    @Test
    void booleansArriveAsBooleansOrText() {
        assertThat(outputs(Map.of("registered", true)).bool("registered"), is(true));
        assertThat(outputs(Map.of("registered", "false")).bool("registered"), is(false));
    }

    @Test
    void optionalKeysTheTrainerLeftOutAreNull() {
        TrainerOutputs outputs = outputs(Map.of("registered", false));

        assertThat(outputs.integerOrNull("version"), nullValue());
        assertThat(outputs.numberOrNull("pixelAuroc"), nullValue());
        assertThat(outputs.stringOrNull("reason"), nullValue());
    }

    @Test
    void noOutputLineNamesTaskAndCommandAndSuspectsTheCommand() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainerOutputs.of("assemble", COMMAND, new HashMap<>()));

        assertThat(e.getMessage(), allOf(containsString("Task 'assemble'"), containsString("no output line"),
            containsString("is trainerCommand a Stereotype trainer?"), containsString(COMMAND)));
    }

    @Test
    void missingKeyNamesItAndTheKeysThatArrived() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> outputs(Map.of("bundel", "/w/bundle")).uri("bundle"));

        assertThat(e.getMessage(), allOf(containsString("Task 'assemble'"), containsString("no 'bundle'"), containsString("bundel"),
            containsString(COMMAND)));
    }

    @Test
    void valueOfTheWrongTypeNamesKeyValueAndExpectation() {
        IllegalStateException number = assertThrows(IllegalStateException.class, () -> outputs(Map.of("loss", "low")).number("loss"));
        IllegalStateException integer = assertThrows(IllegalStateException.class, () -> outputs(Map.of("version", 1.5)).integer("version"));
        IllegalStateException bool = assertThrows(IllegalStateException.class, () -> outputs(Map.of("registered", "yes")).bool("registered"));

        assertThat(number.getMessage(), allOf(containsString("'loss' is low"), containsString("expected a number")));
        assertThat(integer.getMessage(), allOf(containsString("'version' is 1.5"), containsString("expected an integer")));
        assertThat(bool.getMessage(), allOf(containsString("'registered' is yes"), containsString("expected true or false")));
    }

    private static TrainerOutputs outputs(Map<String, Object> vars) {
        return TrainerOutputs.of("assemble", COMMAND, vars);
    }
}

package io.stereotype.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

/**
 * The launcher end to end, as scripts/run-local.sh runs it: an embedded Kestra running flows/retrain.yaml with the
 * packaged trainer as local processes, on a tiny configuration, without MLflow (surefire clears MLFLOW_TRACKING_URI).
 */
class LocalRunTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void theDemoRunTrainsEveryNetworkPrintsEachStepAndEndsWithTheReport(@TempDir Path out) throws Exception {
        int exit = run("--out", out.toString(), "--epochs", "1", "--masters", "2", "--bachelors", "1");

        String console = console();
        assertThat(console, exit, is(LocalRun.OK));
        for (String step : new String[] {"prep", "doctor", "master 1", "master 2", "bachelor 1-1", "bachelor 2-1", "assemble", "evaluate"}) {
            assertThat(console, containsPattern("\\d\\d:\\d\\d  " + step + " +running"));
            assertThat(console, containsPattern("\\d\\d:\\d\\d  " + step + " +done in \\d+\\.\\d s"));
        }
        assertThat(console, containsPattern("retrain SUCCESS in \\d+\\.\\d s"));
        assertThat(console, containsPattern("image AUROC  [01]\\.\\d{4}"));
        assertThat(console, containsPattern("pixel AUROC  [01]\\.\\d{4}"));
        assertThat(console, containsString("registered   no (no model registry"));
        Path report = Path.of(printedValue("report"));
        assertThat(report.toString(), Files.readString(report), containsString("<html"));
        assertThat(report.getParent().getParent(), is(out.resolve("work")));
        Path runRecords = Path.of(printedValue("runs").replace("run records (JSON) in ", ""));
        try (var records = Files.list(runRecords)) {
            // the parent run, doctor, 2 masters, 2 bachelors, the evaluation
            assertThat(records.count(), is(7L));
        }
        assertThat(Files.isDirectory(out.resolve("kestra")), is(true));
    }

    @Test
    void aFailedStepEndsTheRunWithItsNameAndTheTrainersError(@TempDir Path out) throws Exception {
        Path notADataSet = Files.createDirectories(out.resolve("empty"));

        int exit = run("--out", out.toString(), "--data", notADataSet.toString(), "--epochs", "1");

        String console = console();
        assertThat(console, exit, is(LocalRun.EXECUTION_FAILED));
        assertThat(console, containsString("retrain FAILED"));
        assertThat(console, containsString("step 'prep' failed:"));
        assertThat(console, containsString("error: prep failed: invalid data set " + notADataSet));
        assertThat(console, containsString("error:   " + notADataSet));
        assertThat(console, containsString("Task 'prep': the trainer exited with code 3 (bad data)"));
        assertThat(console, not(containsString("doctor")));
    }

    @Test
    void theKestraHostsTrainerEnvironmentIsTheFlowsDefault(@TempDir Path out) throws Exception {
        // what compose does for webhook and scheduled retrains: ENV_STEREOTYPE_TRAINER_ENV on the Kestra host
        // (Kestra reads ENV_* from the environment and from system properties) becomes the trainerEnv default;
        // a setting the trainer rejects shows that it arrived
        System.setProperty("ENV_STEREOTYPE_TRAINER_ENV", "{\"STEREOTYPE_TRAINING_MU\": \"2\"}");
        try {
            int exit = run("--out", out.toString(), "--data", Files.createDirectories(out.resolve("empty")).toString());
            assertThat(console(), exit, is(LocalRun.EXECUTION_FAILED));
            assertThat(console(), containsString("error: prep failed: invalid training config: mu (between 0 and 1) = 2.0"));
        } finally {
            System.clearProperty("ENV_STEREOTYPE_TRAINER_ENV");
        }
    }

    @Test
    void aMissingDataSetIsAUsageErrorBeforeKestraStarts(@TempDir Path out) {
        int exit = run("--out", out.toString(), "--data", out.resolve("nothing-here").toString());

        assertThat(exit, is(LocalRun.USAGE));
        assertThat(console(), allOf(containsString("error: data set " + out.resolve("nothing-here") + " does not exist"),
            not(containsString("starting Kestra"))));
    }

    @Test
    void aBadOptionIsAUsageErrorThatShowsTheUsage() {
        assertThat(run("--epochs", "0"), is(LocalRun.USAGE));
        assertThat(console(), allOf(containsString("error: --epochs takes a whole number of at least 1, not '0'"),
            containsString("usage: run-local.sh")));
    }

    @Test
    void helpShowsTheUsage() {
        assertThat(run("--help"), is(LocalRun.OK));
        assertThat(console(), allOf(startsWith("usage: run-local.sh"), containsString("--masters M")));
    }

    private int run(String... args) {
        return LocalRun.run(args, Map.of(), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String console() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** The value of a summary line such as {@code   report       /path/report.html}. */
    private String printedValue(String label) {
        Matcher line = Pattern.compile("(?m)^  " + label + " +(.+)$").matcher(console());
        assertThat(console(), line.find(), is(true));
        return line.group(1).strip();
    }

    private static org.hamcrest.Matcher<String> containsPattern(String regex) {
        return matchesPattern(Pattern.compile(".*" + regex + ".*", Pattern.DOTALL));
    }
}

package io.stereotype.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LaunchOptionsTest {
    @Test
    void defaultsGenerateTheDemoDataSetUnderWorkLocalRun() {
        LaunchOptions options = LaunchOptions.parse();

        assertThat(options.data(), is(Optional.empty()));
        assertThat(options.out(), is(Path.of("work", "local-run").toAbsolutePath()));
        assertThat(options.epochs(), is(Optional.empty()));
    }

    @Test
    void everyFlagIsRead() {
        LaunchOptions options = LaunchOptions.parse("--data", "/d", "--out", "/o/../out", "--epochs", "5", "--masters", "3",
            "--bachelors", "2", "--doctor-data", "/l/./classes", "--models-root", "s3://b/models");

        assertThat(options, is(new LaunchOptions(Optional.of(Path.of("/d")), Path.of("/out"), Optional.of(5), Optional.of(3),
            Optional.of(2), Optional.of(Path.of("/l/classes")), Optional.of("s3://b/models"))));
    }

    @Test
    void badUsageNamesTheFlag() {
        assertThat(assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--mastres", "3")).getMessage(),
            is("unknown option --mastres"));
        assertThat(assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--masters")).getMessage(),
            is("--masters needs a value"));
        assertThat(assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--bachelors", "two")).getMessage(),
            is("--bachelors takes a whole number of at least 1, not 'two'"));
        assertThat(assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse("--models-root", "/models")).getMessage(),
            is("--models-root takes an s3:// URI (MLflow accepts no local folder as a version's source), not '/models'"));
    }
}

package io.stereotype.kestra;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class ShellCommandLineTest {
    @Test
    void plainWordsStayBare() {
        assertThat(ShellCommandLine.of(List.of("java", "-jar", "/app/quarkus-run.jar", "--work", "s3://bucket/w-1", "--x=1")),
            is("java -jar /app/quarkus-run.jar --work s3://bucket/w-1 --x=1"));
    }

    @Test
    void wordsWithShellCharactersAreSingleQuoted() {
        assertThat(ShellCommandLine.of(List.of("/tmp/my work", "$HOME", "a;b", "*", "{{ x }}")),
            is("'/tmp/my work' '$HOME' 'a;b' '*' '{{ x }}'"));
    }

    @Test
    void singleQuotesAreClosedEscapedAndReopened() {
        assertThat(ShellCommandLine.quote("it's"), is("'it'\\''s'"));
    }

    @Test
    void emptyWordStaysAWord() {
        assertThat(ShellCommandLine.quote(""), is("''"));
    }
}

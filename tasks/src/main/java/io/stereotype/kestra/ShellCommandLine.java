package io.stereotype.kestra;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Joins an argument list into one POSIX shell command line. Task runners execute a command as a string through
 * {@code /bin/sh -c}, so every argument must reach the trainer as exactly one word whatever it contains.
 */
final class ShellCommandLine {
    /** Words made only of these characters mean the same to the shell quoted or not: left bare for readable logs. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellCommandLine() {
    }

    static String of(List<String> words) {
        return words.stream().map(ShellCommandLine::quote).collect(Collectors.joining(" "));
    }

    static String quote(String word) {
        if (PLAIN_WORD.matcher(word).matches()) {
            return word;
        }
        // inside single quotes nothing is special except the closing quote: end the quote, add \', reopen
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

package io.stereotype.kestra;

import io.kestra.core.models.tasks.runners.DefaultLogConsumer;
import io.kestra.core.runners.RunContext;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * Kestra logs every stderr line of a task as an error. TensorFlow's native runtime writes its own
 * notices to stderr in the absl format ({@code I0000 00:00:1795929368.505943 18003 file.cc:401] text}),
 * informational ones included, so a healthy step would show red lines; this consumer logs those
 * lines at the severity they carry and leaves everything else (the trainer's {@code error:} lines,
 * stack traces, the output line) to Kestra's default handling.
 */
final class TrainerLogConsumer extends DefaultLogConsumer {
    /** Severity, MMDD, time (before absl is set up: seconds since the epoch), thread, file:line]. */
    private static final Pattern ABSL_LINE = Pattern.compile("^([IWEF])\\d{4} [\\d:.]+\\s+\\d+ \\S+:\\d+\\] .*");
    /** absl's own notice before TensorFlow configures it; it precedes the native lines above. */
    private static final String ABSL_PREAMBLE = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";

    private final RunContext runContext;

    TrainerLogConsumer(RunContext runContext) {
        super(runContext);
        this.runContext = runContext;
    }

    @Override
    public void accept(String line, Boolean isStdErr, Instant instant) {
        Level level = Boolean.TRUE.equals(isStdErr) ? nativeLevel(line) : null;
        if (level == null) {
            super.accept(line, isStdErr, instant);
            return;
        }
        runContext.logger().atLevel(level).log(line);
        stdErrCount.incrementAndGet();
    }

    /** The severity of a native TensorFlow/absl stderr line, or null for any other line. */
    static Level nativeLevel(String line) {
        if (ABSL_PREAMBLE.equals(line.strip())) {
            return Level.INFO;
        }
        Matcher absl = ABSL_LINE.matcher(line);
        if (!absl.matches()) {
            return null;
        }
        return switch (absl.group(1)) {
            case "I" -> Level.INFO;
            case "W" -> Level.WARN;
            default -> Level.ERROR;
        };
    }
}

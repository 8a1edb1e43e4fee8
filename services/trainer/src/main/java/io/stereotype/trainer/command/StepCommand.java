package io.stereotype.trainer.command;

import io.stereotype.mlops.ServiceAccessDeniedException;
import io.stereotype.trainer.ExitCodes;
import io.stereotype.trainer.OutputLine;
import java.util.List;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A pipeline step as a command: runs, prints its output line last, and turns any failure into one
 * clear message on stderr and the exit code of {@link ExitCodes}. The stack trace follows only for
 * unexpected failures (exit 1) or with {@code --verbose}: a refused credential or bad data is the
 * user's to fix from the message, and a client's trace may carry a whole HTTP exchange.
 */
abstract class StepCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(StepCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", description = "On failure, also print the stack trace (always printed for exit code 1).")
    boolean verbose;

    abstract OutputLine run();

    @Override
    public Integer call() {
        try {
            OutputLine line = run();
            System.out.println(line.render());
            return ExitCodes.OK;
        } catch (RuntimeException | Error e) {
            int code = ExitCodes.of(e);
            LOG.debug("step failed", e);
            // one "error:" line per line of the message: log collectors (Kestra) keep lines, not messages
            List<String> lines = describe(e).lines().toList();
            System.err.println("error: " + spec.name() + " failed: " + lines.getFirst());
            lines.stream().skip(1).forEach(line -> System.err.println("error:   " + line.strip()));
            if (code == ExitCodes.FAILURE || verbose) {
                e.printStackTrace(System.err);
            }
            return code;
        }
    }

    /** A refused credential is told as such even when a step wrapped it: that message says what to check. */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServiceAccessDeniedException denied) {
                return denied.getMessage();
            }
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}

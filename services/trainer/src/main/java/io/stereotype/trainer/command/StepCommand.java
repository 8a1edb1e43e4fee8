package io.stereotype.trainer.command;

import io.stereotype.trainer.ExitCodes;
import io.stereotype.trainer.OutputLine;
import java.util.List;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A pipeline step as a command: runs, prints its output line last, and turns any failure into one
 * clear message on stderr and the exit code of {@link ExitCodes}.
 */
abstract class StepCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(StepCommand.class);

    @Spec
    CommandSpec spec;

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
            if (code == ExitCodes.FAILURE) {
                e.printStackTrace(System.err);
            }
            return code;
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}

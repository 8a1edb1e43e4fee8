package io.stereotype.launcher;

import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.flows.Flow;
import io.kestra.core.models.flows.State;
import io.kestra.core.repositories.ExecutionRepositoryInterface;
import io.stereotype.kestra.ExecutionTree;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows an execution until it ends and prints each step's state changes as they happen, with how long the step
 * took: {@code 01:12  master 2        done in 24.1 s}. Loops and conditions are left out; the steps inside them
 * (each master, each bachelor) are shown.
 */
final class ProgressPrinter {
    private static final Duration POLL = Duration.ofMillis(500);
    /** States before a step runs: not worth a line each. */
    private static final Set<State.Type> WAITING = Set.of(State.Type.CREATED, State.Type.SUBMITTED);

    private final ExecutionRepositoryInterface executions;
    private final ExecutionTree tree;
    private final Flow flow;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final Map<String, State.Type> shown = new HashMap<>();

    ProgressPrinter(ExecutionRepositoryInterface executions, Flow flow, PrintStream out) {
        this.executions = executions;
        this.tree = new ExecutionTree(executions);
        this.flow = flow;
        this.out = out;
    }

    /** Returns the ended execution; throws if it has not ended within the timeout. */
    Execution follow(String executionId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Execution> execution = executions.findById(EmbeddedKestra.TENANT, executionId);
            if (execution.isPresent()) {
                // read the state first: a step that ends after this read is printed on the next round, not lost
                boolean ended = execution.get().getState().isTerminated();
                printChanges(execution.get());
                if (ended) {
                    return execution.get();
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("execution " + executionId + " did not end within " + timeout);
    }

    private void printChanges(Execution execution) {
        for (ExecutionTree.Step step : tree.workSteps(execution, flow)) {
            State state = step.run().getState();
            if (!WAITING.contains(state.getCurrent()) && shown.put(step.run().getId(), state.getCurrent()) != state.getCurrent()) {
                out.printf(Locale.ROOT, "%s  %-14s %s%n", clock(), step.name(), describe(state));
            }
        }
    }

    private static String describe(State state) {
        String name = state.getCurrent().name().toLowerCase(Locale.ROOT);
        return switch (state.getCurrent()) {
            case RUNNING -> "running";
            case SUCCESS -> "done in " + seconds(state.getDurationOrComputeIt());
            default -> state.isTerminated() ? name + " after " + seconds(state.getDurationOrComputeIt()) : name;
        };
    }

    private String clock() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        return String.format(Locale.ROOT, "%02d:%02d", elapsed.toMinutes(), elapsed.toSecondsPart());
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}

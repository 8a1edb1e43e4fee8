package io.stereotype.trainer;

/** What a pipeline step returns: typed for callers in the same process, one output line for Kestra and scripts. */
public interface StepResult {
    /** The {@code ::{"outputs":...}::} line the step's command prints last. */
    OutputLine toOutputLine();
}

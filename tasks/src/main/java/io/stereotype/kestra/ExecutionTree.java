package io.stereotype.kestra;

import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LoopRun;
import io.kestra.core.models.executions.TaskRun;
import io.kestra.core.models.flows.Flow;
import io.kestra.core.models.tasks.FlowableTask;
import io.kestra.core.repositories.ExecutionRepositoryInterface;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every task run of an execution, including those inside {@code Loop} tasks. Kestra 2.0 runs each loop iteration as
 * a sub-execution of its own, so the masters and bachelors of a retrain are not in the execution's task run list:
 * tools that report on a whole retrain (the local launcher, the end-to-end tests) read them here.
 */
public final class ExecutionTree {
    private final ExecutionRepositoryInterface executions;

    public ExecutionTree(ExecutionRepositoryInterface executions) {
        this.executions = executions;
    }

    /**
     * A task run and the loop iteration it ran in.
     *
     * @param iteration the loop values from the outermost loop in, joined by {@code -} (e.g. {@code 2-1} for
     *                  bachelor 1 of master 2); empty outside loops
     */
    public record Step(TaskRun run, String iteration) {
        /** How people call it: {@code prep}, {@code master 2}, {@code bachelor 2-1}. */
        public String name() {
            return iteration.isEmpty() ? run.getTaskId() : run.getTaskId() + " " + iteration;
        }
    }

    /** The execution's own task runs, then those of its loop iterations, depth first in iteration order. */
    public List<Step> steps(Execution execution) {
        String iteration = iteration(execution.getLoopRun());
        List<Step> steps = new ArrayList<>();
        if (execution.getTaskRunList() != null) {
            execution.getTaskRunList().forEach(run -> steps.add(new Step(run, iteration)));
        }
        for (Execution sub : executions.findLoopSubExecutions(execution.getTenantId(), execution.getId(), null)) {
            steps.addAll(steps(sub));
        }
        return steps;
    }

    /** The steps that do the work, without the loops and conditions that only start other tasks. */
    public List<Step> workSteps(Execution execution, Flow flow) {
        return steps(execution).stream()
            .filter(step -> !(flow.findTaskByTaskIdOrNull(step.run().getTaskId()) instanceof FlowableTask<?>))
            .toList();
    }

    /** The runs of one task wherever it ran, e.g. both masters of a retrain with two. */
    public List<TaskRun> taskRuns(Execution execution, String taskId) {
        return steps(execution).stream().map(Step::run).filter(run -> run.getTaskId().equals(taskId)).toList();
    }

    private static String iteration(LoopRun loopRun) {
        if (loopRun == null) {
            return "";
        }
        Stream<String> parents = loopRun.parents() == null ? Stream.empty() : loopRun.parents().stream().map(LoopRun.Parent::value);
        return Stream.concat(parents, Stream.of(loopRun.value())).collect(Collectors.joining("-"));
    }
}

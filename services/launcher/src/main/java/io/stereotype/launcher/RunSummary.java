package io.stereotype.launcher;

import io.kestra.core.exceptions.InternalException;
import io.kestra.core.models.executions.Execution;
import io.kestra.core.models.executions.LogEntry;
import io.kestra.core.models.executions.TaskRun;
import io.kestra.core.models.flows.Flow;
import io.kestra.core.models.flows.State;
import io.kestra.core.services.ExecutionLogService;
import io.kestra.core.services.ExecutionOutputService;
import io.kestra.core.services.TaskOutputService;
import io.stereotype.kestra.ExecutionTree;
import org.slf4j.event.Level;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The end of a local run on the console: what the model reached and where its report is, or which step failed and
 * why, in the trainer's own words.
 */
final class RunSummary {
    /** Enough of a failed step's log to say why without scrolling: its error lines, else its last lines. */
    private static final int ERROR_LINES = 5;

    private final EmbeddedKestra kestra;
    private final Flow flow;
    private final PrintStream out;

    RunSummary(EmbeddedKestra kestra, Flow flow, PrintStream out) {
        this.kestra = kestra;
        this.flow = flow;
        this.out = out;
    }

    void success(Execution execution, Path runRecords) throws InternalException {
        Map<String, Object> outputs = kestra.bean(ExecutionOutputService.class).getOutputs(execution);
        out.printf(Locale.ROOT, "%nretrain %s in %s (execution %s)%n", execution.getState().getCurrent(),
            ProgressPrinter.seconds(execution.getState().getDurationOrComputeIt()), execution.getId());
        out.printf(Locale.ROOT, "  image AUROC  %s%n", metric(outputs.get("imageAuroc")));
        out.printf(Locale.ROOT, "  pixel AUROC  %s%n", metric(outputs.get("pixelAuroc")));
        out.printf(Locale.ROOT, "  registered   %s%n", registration(execution, outputs));
        out.printf(Locale.ROOT, "  report       %s%n", location(outputs.get("reportHtml")));
        out.printf(Locale.ROOT, "  bundle       %s%n", location(outputs.get("bundle")));
        out.printf(Locale.ROOT, "  runs         %s%n", runRecords == null
            ? "MLflow, parent run " + outputs.get("parentRunId") : "run records (JSON) in " + runRecords);
    }

    /** Names every failed step with its error; the execution's own errors when no step failed (e.g. bad inputs). */
    void failure(Execution execution) {
        out.printf(Locale.ROOT, "%nretrain %s after %s (execution %s)%n", execution.getState().getCurrent(),
            ProgressPrinter.seconds(execution.getState().getDurationOrComputeIt()), execution.getId());
        // a loop fails when a step inside it does: name the step, not every loop around it
        List<ExecutionTree.Step> failed = new ExecutionTree(kestra.executions()).workSteps(execution, flow).stream()
            .filter(step -> step.run().getState().getCurrent() == State.Type.FAILED)
            .toList();
        if (failed.isEmpty()) {
            out.println("  no step failed; the execution's errors:");
            errors(execution.getId(), null).forEach(line -> out.println("    " + line));
        }
        for (ExecutionTree.Step step : failed) {
            out.printf(Locale.ROOT, "  step '%s' failed:%n", step.name());
            errors(step.run().getExecutionId(), step.run().getId()).forEach(line -> out.println("    " + line));
        }
    }

    private List<String> errors(String executionId, String taskRunId) {
        List<String> lines = kestra.bean(ExecutionLogService.class)
            .getExecutionLogs(EmbeddedKestra.TENANT, executionId, Level.WARN, taskRunId, null, null, false)
            .stream().map(LogEntry::getMessage).filter(Objects::nonNull).map(String::strip).toList();
        // the trainer's "error: <step> failed: <why>" and the task's "Task '<id>': the trainer exited with code ..."
        List<String> explained = lines.stream().filter(line -> line.startsWith("error:") || line.startsWith("Task '")).toList();
        List<String> shown = explained.isEmpty() ? lines : explained;
        return shown.subList(Math.max(0, shown.size() - ERROR_LINES), shown.size());
    }

    private String registration(Execution execution, Map<String, Object> outputs) throws InternalException {
        if (Boolean.TRUE.equals(outputs.get("registered"))) {
            return "yes: " + outputs.get("modelName") + " version " + outputs.get("modelVersion");
        }
        List<TaskRun> register = new ExecutionTree(kestra.executions()).taskRuns(execution, "register");
        if (register.isEmpty()) {
            return "no (no model registry: set MLFLOW_TRACKING_URI to register in MLflow)";
        }
        return "no: " + kestra.bean(TaskOutputService.class).getOutputs(register.getFirst()).get("reason");
    }

    /** The flow gives pixel metrics as text, empty for data sets without ground-truth masks. */
    private static String metric(Object value) {
        String text = value == null ? "" : value.toString().strip();
        return text.isEmpty() ? "n/a (no ground-truth masks)" : String.format(Locale.ROOT, "%.4f", Double.parseDouble(text));
    }

    /** A file URI as the path people can open; other URIs (s3://) as they are. */
    private static String location(Object uri) {
        URI parsed = URI.create(String.valueOf(uri));
        return "file".equals(parsed.getScheme()) ? Path.of(parsed).toString() : parsed.toString();
    }
}

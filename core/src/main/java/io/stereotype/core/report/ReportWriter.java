package io.stereotype.core.report;

import io.stereotype.core.Evaluation;
import io.stereotype.core.io.Folders;
import io.stereotype.core.io.Json;
import io.stereotype.core.bundle.ModelBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes an evaluation report: {@code report.json} (fixed keys, for tools) and {@code report.html}
 * (one self-contained page, for people). The folder is the report's own and is replaced as a
 * whole, so readers see either the old report or the complete new one.
 */
public final class ReportWriter {

    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    private static final Set<String> REPORT_FILES = Set.of(JSON, HTML);

    private ReportWriter() {
    }

    /**
     * @param collected the collector passed to the {@code Evaluator} as its progress callback
     * @throws IllegalArgumentException if the collector did not see the evaluation's images, or
     *                                  {@code folder} holds files other than a previous report
     * @throws UncheckedIOException     naming the file when an image or the folder cannot be read or written
     */
    public static void write(Path folder, Evaluation evaluation, ModelBundle bundle, ReportCollector collected) {
        if (collected.images() != evaluation.samples().size()) {
            throw new IllegalArgumentException("the report collector saw " + collected.images() + " images but the evaluation scored "
                    + evaluation.samples().size() + "; pass the collector to Evaluator.evaluate as its progress callback");
        }
        requireOnlyReportFiles(folder);
        String html = HtmlReport.render(evaluation, bundle, collected, Instant.now());
        Folders.writeAtomically(folder, temp -> {
            try {
                Files.writeString(temp.resolve(HTML), html, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + folder.resolve(HTML) + ": " + e.getMessage(), e);
            }
            Json.write(temp.resolve(JSON), ReportJson.build(evaluation, bundle, collected));
        });
    }

    /** Replacing the folder must never delete anything but an older report. */
    private static void requireOnlyReportFiles(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("report folder " + folder + " exists and is not a folder");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            List<String> others = entries.map(p -> p.getFileName().toString()).filter(name -> !REPORT_FILES.contains(name))
                    .sorted().toList();
            if (!others.isEmpty()) {
                throw new IllegalArgumentException("report folder " + folder + " holds other files " + others
                        + "; give the report a folder of its own (it is replaced as a whole)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list report folder " + folder + ": " + e.getMessage(), e);
        }
    }
}

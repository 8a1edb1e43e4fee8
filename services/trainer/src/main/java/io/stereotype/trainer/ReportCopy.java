package io.stereotype.trainer;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies an evaluation's {@code report.json} and {@code report.html} from where it wrote them (often S3) into a local
 * folder: a Kestra task's working directory, whose files Kestra stores as the task's output files and previews.
 */
@ApplicationScoped
public class ReportCopy {
    private final Services services;

    public ReportCopy(Services services) {
        this.services = services;
    }

    /** Fails with a usage error before a long evaluation when the folder cannot receive the copies. */
    public void requireWritable(Path folder) {
        Outputs.requireWritable(folder.toUri());
    }

    /** Each report lands under its own name (report.json, report.html), whole or not at all. */
    public void copy(Path folder, URI... reports) {
        try {
            Files.createDirectories(folder);
            for (URI source : reports) {
                Path target = folder.resolve(Path.of(source.getPath()).getFileName().toString());
                Path partial = Files.createTempFile(folder, ".report", ".part");
                try {
                    services.store(source).downloadFile(source, partial);
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the reports to " + folder, e);
        }
    }
}

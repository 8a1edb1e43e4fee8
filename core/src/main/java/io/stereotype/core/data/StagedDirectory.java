package io.stereotype.core.data;

import io.stereotype.core.io.Folders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Builds a folder atomically: content is written into a temporary sibling folder which is
 * renamed to the target only when complete, so a failed or interrupted run never leaves a
 * half-written data set where readers would take it for a complete one.
 */
final class StagedDirectory {

    /** Writes the content of a folder. */
    @FunctionalInterface
    interface Writer {
        void writeInto(Path folder) throws IOException;
    }

    private StagedDirectory() {
    }

    /**
     * @throws DatasetException if {@code target} exists and is not an empty folder, or writing fails
     *                          (then nothing is left behind)
     */
    static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath().normalize();
        requireAbsentOrEmpty(absolute);
        try {
            Folders.writeAtomically(absolute, folder -> {
                try {
                    writer.writeInto(folder);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (DatasetException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            throw new DatasetException("cannot write data set " + target + ": " + cause.getMessage(), e);
        }
    }

    private static void requireAbsentOrEmpty(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new DatasetException("output " + target + " exists and is not a folder");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new DatasetException("output folder " + target + " is not empty; refusing to overwrite it");
            }
        } catch (IOException e) {
            throw new DatasetException("cannot list output folder " + target + ": " + e.getMessage(), e);
        }
    }
}

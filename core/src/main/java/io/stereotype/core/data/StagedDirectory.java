package io.stereotype.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
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
        Path staging = null;
        try {
            Files.createDirectories(absolute.getParent());
            staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".tmp-");
            writer.writeInto(staging);
            Files.deleteIfExists(absolute);
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            DatasetException failure = e instanceof DatasetException de
                    ? de
                    : new DatasetException("cannot write data set " + target + ": " + e.getMessage(), e);
            try {
                deleteTree(staging);
            } catch (UncheckedIOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
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

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove staging folder " + root, e);
        }
    }
}

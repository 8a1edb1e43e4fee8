package io.stereotype.mlops.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Atomic writes on the local file system: content is built under a hidden temporary sibling name,
 * then renamed into place, so readers never see a half-written file or folder. Only the listing
 * of a folder's files is public. Twin of {@code io.stereotype.core.io.Folders} (mlops does not depend on core).
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    /** Writes content into a file path it is given. */
    @FunctionalInterface
    interface FileWriter {
        void writeTo(Path file) throws IOException;
    }

    /** Fills a folder path it is given (the folder exists and is empty). */
    @FunctionalInterface
    interface FolderWriter {
        void writeInto(Path folder) throws IOException;
    }

    static void writeFileAtomically(Path target, FileWriter writer) {
        Path absolute = target.toAbsolutePath();
        Path temporary = temporarySibling(absolute, "tmp");
        try {
            Files.createDirectories(absolute.getParent());
            writer.writeTo(temporary);
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("could not write " + absolute + ": " + e, e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    /**
     * Builds a folder beside {@code target}, then swaps it in. A directory cannot be renamed over a
     * non-empty one, so an existing target is first renamed aside and deleted after the swap; a crash
     * between the two renames leaves the target absent (never half-written) and a rerun recreates it.
     */
    static void writeFolderAtomically(Path target, FolderWriter writer) {
        Path absolute = target.toAbsolutePath();
        Path staging = temporarySibling(absolute, "staging");
        try {
            Files.createDirectories(staging);
            writer.writeInto(staging);
            if (Files.exists(absolute)) {
                Path old = temporarySibling(absolute, "old");
                Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            } else {
                Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            deleteQuietly(staging);
            throw new UncheckedIOException("could not write folder " + absolute + ": " + e, e);
        } catch (RuntimeException e) {
            deleteQuietly(staging);
            throw e;
        }
    }

    /**
     * Copies the files of {@code source} into the existing folder {@code target}. Symbolic links are followed.
     * File names go through {@link SafePaths} like S3 keys do: a name with a backslash or a NUL is refused.
     */
    static void copyTree(Path source, Path target) throws IOException {
        for (Path relative : filesUnder(source)) {
            Path destination = SafePaths.resolveUnder(target, slashSeparated(relative));
            Files.createDirectories(destination.getParent());
            Files.copy(source.resolve(relative), destination);
        }
    }

    private static String slashSeparated(Path relative) {
        StringBuilder name = new StringBuilder();
        for (Path segment : relative) {
            name.append(name.isEmpty() ? "" : "/").append(segment);
        }
        return name.toString();
    }

    /**
     * The paths, relative to {@code folder} and sorted, of every entry below it that is not a
     * directory. A dangling link is listed too, so that copying it fails loudly instead of
     * silently producing an incomplete folder.
     */
    public static List<Path> filesUnder(Path folder) {
        try (Stream<Path> entries = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            return entries.filter(p -> !Files.isDirectory(p)).map(folder::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + folder + ": " + e, e);
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null && !(failure instanceof NoSuchFileException)) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Cleanup after a failure: its own error must not hide the original one. */
    static void deleteQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (IOException | UncheckedIOException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    private static Path temporarySibling(Path target, String purpose) {
        String name = target.getFileName().toString();
        return target.resolveSibling("." + name + "." + purpose + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}

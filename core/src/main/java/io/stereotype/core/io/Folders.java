package io.stereotype.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds folders under a temporary sibling name and moves them into place, so no reader sees half of one.
 * {@code io.stereotype.mlops.storage.LocalFiles} is its twin for artifact stores: core and mlops share
 * no module (neither depends on the other, docs/architecture.md), and a module for these few lines
 * would cost more than the twin; both keep the same protocol (build beside, rename over, delete the old).
 */
public final class Folders {
    private Folders() {
    }

    /**
     * Runs {@code build} on a fresh temporary folder next to {@code target}, then replaces
     * {@code target} with it. On failure the temporary folder is removed and {@code target} is untouched.
     */
    public static void writeAtomically(Path target, Consumer<Path> build) {
        Path absolute = target.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(absolute.getParent());
            Files.createDirectory(temp);
            build.accept(temp);
            if (Files.exists(absolute)) {
                Path old = absolute.resolveSibling("." + absolute.getFileName() + ".old-" + UUID.randomUUID());
                Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(old);
            } else {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    public static void copyRecursively(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    public static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            deleteRecursively(folder);
        } catch (IOException ignored) {
            // best effort: the original error is the one worth reporting
        }
    }
}

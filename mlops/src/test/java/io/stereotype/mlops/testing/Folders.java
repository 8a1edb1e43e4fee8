package io.stereotype.mlops.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Small helpers to build and read local folder trees in tests. */
public final class Folders {
    private Folders() {
    }

    /** Writes each relative path -> text entry under {@code root}; returns {@code root}. */
    public static Path write(Path root, Map<String, String> files) throws IOException {
        for (var entry : files.entrySet()) {
            Path file = root.resolve(entry.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, entry.getValue());
        }
        return root;
    }

    /** Relative path -> text of every file under {@code root}, sorted. */
    public static Map<String, String> read(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return files;
    }
}

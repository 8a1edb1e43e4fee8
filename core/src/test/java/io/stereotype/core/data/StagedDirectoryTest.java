package io.stereotype.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedDirectoryTest {

    @TempDir
    Path dir;

    private List<String> entries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theFolderAppearsOnlyWhenComplete() throws IOException {
        Path target = dir.resolve("set");
        StagedDirectory.write(target, folder -> {
            Files.writeString(folder.resolve("a.txt"), "a");
            // while writing, only the hidden staging folder exists
            assertEquals(List.of(folder.getFileName().toString()), entries());
        });
        assertEquals(List.of("set"), entries());
        assertEquals("a", Files.readString(target.resolve("a.txt")));
    }

    @Test
    void aFailureHalfWayLeavesNothingBehind() throws IOException {
        Path target = dir.resolve("set");
        var error = assertThrows(DatasetException.class, () -> StagedDirectory.write(target, folder -> {
            Files.writeString(folder.resolve("a.txt"), "a");
            throw new IOException("disk full");
        }));
        assertEquals("cannot write data set " + target + ": disk full", error.getMessage());
        assertEquals(List.of(), entries());
    }

    @Test
    void anEmptyTargetFolderIsReplacedAndAFileIsRefused() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        StagedDirectory.write(empty, folder -> Files.writeString(folder.resolve("x"), "x"));
        assertEquals("x", Files.readString(empty.resolve("x")));

        Path file = Files.writeString(dir.resolve("file"), "f");
        var error = assertThrows(DatasetException.class, () -> StagedDirectory.write(file, folder -> { }));
        assertEquals("output " + file + " exists and is not a folder", error.getMessage());
    }
}

package io.stereotype.mlops.storage;

import io.stereotype.mlops.testing.Folders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalArtifactStoreTest {
    private final LocalArtifactStore store = new LocalArtifactStore();

    @TempDir
    Path tmp;

    @Test
    void folderUploadReplacesTheTargetWhole() throws Exception {
        URI target = tmp.resolve("out/bundle").toUri();
        store.uploadFolder(Folders.write(tmp.resolve("v1"), Map.of("a.txt", "one", "old/b.txt", "stale")), target);
        store.uploadFolder(Folders.write(tmp.resolve("v2"), Map.of("a.txt", "two", "c/d.txt", "new")), target);

        assertEquals(Map.of("a.txt", "two", "c/d.txt", "new"), Folders.read(tmp.resolve("out/bundle")));
        assertEquals(List.of("bundle"), names(tmp.resolve("out")), "no temporary siblings left");
        assertEquals(List.of(tmp.resolve("out/bundle/a.txt").toUri(), tmp.resolve("out/bundle/c/d.txt").toUri()), store.list(target));
    }

    @Test
    void interruptedFolderCopyLeavesNoFolderAndKeepsThePreviousOne() throws Exception {
        Path broken = Folders.write(tmp.resolve("src"), Map.of("a.bin", "first", "z.bin", "last"));
        Files.createSymbolicLink(broken.resolve("m.bin"), tmp.resolve("vanished"));
        URI fresh = tmp.resolve("out/fresh").toUri();
        URI existing = tmp.resolve("out/existing").toUri();
        store.uploadFolder(Folders.write(tmp.resolve("v1"), Map.of("a.bin", "v1")), existing);

        var failure = assertThrows(UncheckedIOException.class, () -> store.uploadFolder(broken, fresh));
        assertTrue(failure.getMessage().contains("m.bin"), failure.getMessage());
        assertThrows(UncheckedIOException.class, () -> store.uploadFolder(broken, existing));

        assertFalse(store.exists(fresh));
        assertEquals(Map.of("a.bin", "v1"), Folders.read(tmp.resolve("out/existing")));
        assertEquals(List.of("existing"), names(tmp.resolve("out")), "no temporary siblings left");
    }

    @Test
    void filesTextAndPlainPaths() throws Exception {
        URI plain = URI.create(tmp.resolve("manifest.json").toString()); // no scheme: a plain path
        store.writeText(plain, "{\"v\":1}");
        assertEquals("{\"v\":1}", store.readText(tmp.resolve("manifest.json").toUri()));
        store.writeText(plain, "{\"v\":2}");
        assertEquals("{\"v\":2}", store.readText(plain));

        Path copy = tmp.resolve("deep/copy.json");
        store.downloadFile(plain, copy);
        assertEquals("{\"v\":2}", Files.readString(copy));
        store.delete(plain);
        assertFalse(store.exists(plain));
    }

    @Test
    void aFileNameThatWouldBeAWindowsParentPathIsNotCopied() throws Exception {
        // on Linux this is one file name; on Windows, or in a tool that splits on backslashes, it climbs out
        Path source = Folders.write(tmp.resolve("src"), Map.of("a.txt", "fine", "..\\evil.txt", "climbs out"));
        Path target = tmp.resolve("copy");

        UnsafePathException refused = assertThrows(UnsafePathException.class, () -> store.downloadFolder(source.toUri(), target));

        assertEquals("..\\evil.txt", refused.name());
        assertFalse(Files.exists(target));
        assertEquals(List.of("src"), names(tmp), "no staging folder left");
    }

    @Test
    void missingArtifactsAreNamed() {
        URI missing = tmp.resolve("nothing").toUri();
        var e = assertThrows(ArtifactNotFoundException.class, () -> store.readText(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertThrows(ArtifactNotFoundException.class, () -> store.downloadFolder(missing, tmp.resolve("x")));
        assertThrows(ArtifactNotFoundException.class, () -> store.list(missing));
        assertThrows(ArtifactNotFoundException.class, () -> store.uploadFile(tmp.resolve("nothing"), tmp.resolve("y").toUri()));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

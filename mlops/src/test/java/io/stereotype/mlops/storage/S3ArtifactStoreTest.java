package io.stereotype.mlops.storage;

import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.ServiceAccessDeniedException;
import io.stereotype.mlops.ServiceUnavailableException;
import io.stereotype.mlops.testing.EmbeddedS3;
import io.stereotype.mlops.testing.EmbeddedS3Extension;
import io.stereotype.mlops.testing.Folders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(EmbeddedS3Extension.class)
class S3ArtifactStoreTest {
    private static final RetryPolicy FAST = RetryPolicy.of(3, Duration.ofMillis(10));

    @TempDir
    Path tmp;
    private EmbeddedS3 s3;
    private S3ArtifactStore store;
    private String base;

    @BeforeEach
    void connect(EmbeddedS3 s3) throws Exception {
        this.s3 = s3;
        this.store = S3ArtifactStore.connect(s3.settings(), FAST);
        this.base = "s3://" + s3.bucket("artifacts") + "/" + UUID.randomUUID();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    @Test
    void folderRoundTripsWithNestedFilesAndMarker() throws Exception {
        Path source = Folders.write(tmp.resolve("model"), Map.of("saved_model.pb", "graph", "variables/v.index", "idx", "variables/v.data", "data"));
        URI target = URI.create(base + "/bundle/doctor");

        store.uploadFolder(source, target);

        assertTrue(store.exists(target));
        String prefix = target.getPath().substring(1) + "/";
        assertEquals(List.of(prefix + S3ArtifactStore.COMPLETION_MARKER, prefix + "saved_model.pb", prefix + "variables/v.data", prefix + "variables/v.index"),
                s3.keys("artifacts", prefix));
        assertEquals(List.of(URI.create(base + "/bundle/doctor/saved_model.pb"), URI.create(base + "/bundle/doctor/variables/v.data"),
                URI.create(base + "/bundle/doctor/variables/v.index")), store.list(target));
        Path copy = tmp.resolve("copy");
        store.downloadFolder(target, copy);
        assertEquals(Folders.read(source), Folders.read(copy));
        assertEquals(List.of(), s3.keys("artifacts", base.substring(base.lastIndexOf('/') + 1) + "/bundle/.doctor"), "staging prefix removed");
    }

    @Test
    void treesUploadedByOtherToolsDownloadWithoutAMarker() throws Exception {
        String prefix = URI.create(base + "/dataset").getPath().substring(1);
        for (String key : List.of("train/good/000.png", "test/good/000.png")) {
            byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s3.client().putObject(io.minio.PutObjectArgs.builder().bucket("artifacts").object(prefix + "/" + key)
                    .data(bytes, bytes.length).build());
        }
        URI dataset = URI.create(base + "/dataset");

        assertThrows(ArtifactNotFoundException.class, () -> store.downloadFolder(dataset, tmp.resolve("strict")));
        store.downloadTree(dataset, tmp.resolve("tree"));
        assertEquals(Map.of("train/good/000.png", "train/good/000.png", "test/good/000.png", "test/good/000.png"),
                Folders.read(tmp.resolve("tree")));
        var missing = assertThrows(ArtifactNotFoundException.class,
                () -> store.downloadTree(URI.create(base + "/nothing"), tmp.resolve("none")));
        assertTrue(missing.getMessage().contains("no objects under this prefix"), missing.getMessage());
    }

    @Test
    void rerunningAnUploadReplacesTheFolder() throws Exception {
        URI target = URI.create(base + "/out");
        store.uploadFolder(Folders.write(tmp.resolve("v1"), Map.of("a.txt", "one", "old.txt", "stale")), target);
        store.uploadFolder(Folders.write(tmp.resolve("v2"), Map.of("a.txt", "two")), target);

        Path copy = tmp.resolve("copy");
        store.downloadFolder(target, copy);
        assertEquals(Map.of("a.txt", "two"), Folders.read(copy));
    }

    @Test
    void interruptedFolderUploadLeavesNoVisibleFolder() throws Exception {
        URI target = URI.create(base + "/partial");
        Path source = Folders.write(tmp.resolve("src"), Map.of("a.bin", "first", "z.bin", "last"));
        // a file that disappears between listing and upload: a link whose target is gone
        Files.createSymbolicLink(source.resolve("m.bin"), tmp.resolve("vanished"));

        var failure = assertThrows(UncheckedIOException.class, () -> store.uploadFolder(source, target));
        assertTrue(failure.getMessage().contains("m.bin"), failure.getMessage());

        assertFalse(store.exists(target));
        assertThrows(ArtifactNotFoundException.class, () -> store.list(target));
        assertThrows(ArtifactNotFoundException.class, () -> store.downloadFolder(target, tmp.resolve("copy")));
        String runPrefix = base.substring(base.lastIndexOf('/') + 1) + "/";
        assertEquals(List.of(), s3.keys("artifacts", runPrefix), "neither the target nor the staging objects remain");
    }

    @Test
    void interruptedReplacementKeepsThePreviousFolder() throws Exception {
        URI target = URI.create(base + "/kept");
        store.uploadFolder(Folders.write(tmp.resolve("v1"), Map.of("a.txt", "one")), target);
        Path broken = Folders.write(tmp.resolve("v2"), Map.of("a.txt", "two"));
        Files.createSymbolicLink(broken.resolve("b.txt"), tmp.resolve("vanished"));

        assertThrows(UncheckedIOException.class, () -> store.uploadFolder(broken, target));

        Path copy = tmp.resolve("copy");
        store.downloadFolder(target, copy);
        assertEquals(Map.of("a.txt", "one"), Folders.read(copy));
    }

    @Test
    void prefixWithoutMarkerIsAbsent() throws Exception {
        URI foreign = URI.create(base + "/foreign");
        store.writeText(URI.create(base + "/foreign/file.txt"), "written by someone else");

        assertFalse(store.exists(foreign));
        var missing = assertThrows(ArtifactNotFoundException.class, () -> store.downloadFolder(foreign, tmp.resolve("copy")));
        assertTrue(missing.getMessage().contains(foreign.toString()), missing.getMessage());
    }

    @Test
    void filesAndTextRoundTrip() throws Exception {
        URI json = URI.create(base + "/run/report.json");
        store.writeText(json, "{\"auroc\":0.97}");
        assertEquals("{\"auroc\":0.97}", store.readText(json));
        assertTrue(store.exists(json));

        Path local = Files.writeString(tmp.resolve("weights.bin"), "weights");
        URI file = URI.create(base + "/run/weights.bin");
        store.uploadFile(local, file);
        Path copy = tmp.resolve("sub/weights.bin");
        store.downloadFile(file, copy);
        assertEquals("weights", Files.readString(copy));
    }

    @Test
    void deleteRemovesFilesAndFolders() throws Exception {
        URI folder = URI.create(base + "/gone");
        store.uploadFolder(Folders.write(tmp.resolve("src"), Map.of("x/y.txt", "y")), folder);
        URI file = URI.create(base + "/gone.txt");
        store.writeText(file, "x");

        store.delete(folder);
        store.delete(file);
        store.delete(URI.create(base + "/never-existed"));

        assertFalse(store.exists(folder));
        assertFalse(store.exists(file));
        assertEquals(List.of(), s3.keys("artifacts", base.substring(base.lastIndexOf('/') + 1) + "/"));
    }

    /**
     * Keys this server keeps and lists. It merges "//" and refuses ".." segments itself (its blob store is a file
     * system; AWS S3 keeps both), so those two, the reported attack, are covered by {@link SafePathsTest}.
     */
    @Test
    void keysThatWouldEscapeTheTargetFolderAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path outside = tmp.resolve("outside");
        Path target = tmp.resolve("cache/copy");
        List<String> hostile = List.of("%2e%2e/%2e%2e/outside/encoded.txt", "%2F" + outside.toString().substring(1).replace("/", "%2F") + "%2Fabsolute.txt",
                "..\\..\\outside\\windows.txt", "C:\\outside\\drive.txt");
        for (int i = 0; i < hostile.size(); i++) {
            URI dataset = URI.create(base + "/dataset-" + i);
            String prefix = dataset.getPath().substring(1);
            put(prefix + "/train/good/000.png", "image");
            String key = prefix + "/" + hostile.get(i);
            put(key, "written by an attacker");
            assertEquals(List.of(key, prefix + "/train/good/000.png"), s3.keys("artifacts", prefix + "/"), "the server lists the key as written");

            UnsafePathException refused = assertThrows(UnsafePathException.class, () -> store.downloadTree(dataset, target));

            assertEquals("s3://artifacts/" + key, refused.name());
            assertTrue(refused.getMessage().startsWith("refusing remote name 's3://artifacts/" + key + "': ")
                    && refused.getMessage().endsWith("files are only written inside " + target), refused.getMessage());
            assertFalse(Files.exists(outside), "nothing written outside the folder for " + key);
            assertFalse(Files.exists(tmp.resolve("cache")), "nothing written at all for " + key);
        }
    }

    @Test
    void aCompleteFolderWithAnUnsafeKeyIsRefused() throws Exception {
        Path bundle = Folders.write(tmp.resolve("bundle"), Map.of("model.json", "{}", "networks/doctor/model/saved_model.pb", "graph"));
        URI target = URI.create(base + "/bundle");
        store.uploadFolder(bundle, target);
        String key = target.getPath().substring(1) + "/networks/%2E%2E/%2E%2E/%2E%2E/evil.sh";
        put(key, "#!/bin/sh");
        Path copy = tmp.resolve("models/v1");

        UnsafePathException refused = assertThrows(UnsafePathException.class, () -> store.downloadFolder(target, copy));

        assertEquals("s3://artifacts/" + key, refused.name());
        assertEquals("it has a '..' path segment once percent-decoded ('networks/../../../evil.sh')", refused.reason());
        assertFalse(Files.exists(copy));
        try (var entries = Files.list(tmp)) {
            assertEquals(List.of("bundle"), entries.map(p -> p.getFileName().toString()).toList(), "nothing else written, no staging folder left");
        }
    }

    private void put(String key, String content) throws Exception {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        s3.client().putObject(io.minio.PutObjectArgs.builder().bucket("artifacts").object(key).data(bytes, bytes.length).build());
    }

    @Test
    void missingObjectNamesTheUri() {
        URI missing = URI.create(base + "/nothing.json");
        var e = assertThrows(ArtifactNotFoundException.class, () -> store.readText(missing));
        assertEquals(missing, e.uri());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertThrows(ArtifactNotFoundException.class, () -> store.downloadFile(missing, tmp.resolve("x")));
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    @Test
    void aWrongSecretIsRefusedAccessNamingEndpointAndSettingsNotRetried() throws Exception {
        S3Settings wrong = new S3Settings(s3.endpoint(), EmbeddedS3.ACCESS_KEY, "not-the-secret", s3.settings().region());
        try (S3ArtifactStore refused = S3ArtifactStore.connect(wrong, RetryPolicy.of(3, Duration.ofSeconds(30)))) {
            URI file = URI.create(base + "/a.txt");

            long started = System.nanoTime();
            ServiceAccessDeniedException denied = assertThrows(ServiceAccessDeniedException.class, () -> refused.writeText(file, "x"));

            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(30)) < 0, "not retried");
            assertEquals("S3 at " + s3.endpoint() + " refused access (SignatureDoesNotMatch on write of " + file
                    + "): check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that this key may use the bucket", denied.getMessage());
            assertFalse(denied.getMessage().contains("not-the-secret"));
        }
    }

    @Test
    void unreachableEndpointFailsAfterRetries() throws Exception {
        String deadEndpoint = "http://127.0.0.1:" + closedPort();
        try (S3ArtifactStore dead = S3ArtifactStore.connect(new S3Settings(deadEndpoint, "key", "very-secret", null), FAST)) {
            var e = assertThrows(ServiceUnavailableException.class, () -> dead.readText(URI.create("s3://bucket/report.json")));
            assertEquals(3, e.attempts());
            assertTrue(e.getMessage().startsWith("S3 endpoint " + deadEndpoint + " unreachable after 3 attempts: "), e.getMessage());
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
            assertFalse(e.getMessage().contains("very-secret"));
        }
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

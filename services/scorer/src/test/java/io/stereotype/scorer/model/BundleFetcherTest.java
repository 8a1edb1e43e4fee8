package io.stereotype.scorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.mlops.storage.S3Settings;
import io.stereotype.mlops.storage.UnsafePathException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFetcherTest {
    @TempDir
    Path dir;

    @Test
    void aRegisteredNameThatWouldClimbOutOfTheCacheIsRefusedBeforeAnyDownload() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        // nothing listens there: the refusal must come before any request
        try (ArtifactStores stores = new ArtifactStores(new S3Settings("http://127.0.0.1:9", "k", "s", null), RetryPolicy.DEFAULT)) {
            BundleFetcher fetcher = new BundleFetcher(stores, cache);

            UnsafePathException refused = assertThrows(UnsafePathException.class,
                    () -> fetcher.fetch(new ModelCandidate("..", 3, null, URI.create("s3://models/bottles/abc"), "3")));

            assertEquals(cache, refused.folder());
            try (var entries = Files.list(dir)) {
                assertEquals(1, entries.count(), "nothing written beside the cache");
            }
        }
    }
}

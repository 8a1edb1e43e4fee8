package io.stereotype.scorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ErrorRedactionTest {
    private final ErrorRedaction redaction = new ErrorRedaction(Path.of("/var/cache/stereotype/models"));

    @Test
    void theCacheFolderAndTheBundleBecomePlaceholders() {
        ModelCandidate candidate = new ModelCandidate("m", 3, "production", URI.create("s3://models/m/bundle-v3/"), "version 3");

        assertEquals("bundle <cache-dir>/m/v3-1234 is corrupted: checksum mismatch for networks/doctor/model.bin",
                redaction.apply("bundle /var/cache/stereotype/models/m/v3-1234 is corrupted: checksum mismatch for"
                        + " networks/doctor/model.bin", candidate));
        assertEquals("cannot read <bundle>/manifest.json: Access Denied",
                redaction.apply("cannot read s3://models/m/bundle-v3/manifest.json: Access Denied", candidate));
    }

    @Test
    void otherStorageUrisAndLocalBundlesLoseTheirPaths() {
        ModelCandidate local = new ModelCandidate("b", null, null, URI.create("file:///srv/models/b"), "bundle x");

        assertEquals("artifact not found: s3://<redacted> and <bundle>/manifest.json",
                redaction.apply("artifact not found: s3://other-bucket/secret/path and /srv/models/b/manifest.json", local));
        assertEquals("artifact not found: file://<redacted>", redaction.apply("artifact not found: file:///tmp/x/manifest.json", null));
    }
}

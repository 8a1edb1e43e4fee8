package io.stereotype.mlops.storage;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArtifactUrisTest {

    @Test
    void parsesTheThreeForms() {
        assertEquals(URI.create("s3://bucket/runs/7"), ArtifactUris.parse("s3://bucket/runs/7"));
        assertEquals(URI.create("file:///data/set"), ArtifactUris.parse("file:///data/set"));
        assertEquals(Path.of("/data/my set"), ArtifactUris.toPath(ArtifactUris.parse("/data/my set")));
        assertEquals(Path.of("rel").toAbsolutePath(), ArtifactUris.toPath(ArtifactUris.parse("rel")));
        assertThrows(IllegalArgumentException.class, () -> ArtifactUris.parse(" "));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> ArtifactUris.parse("mlflow-artifacts:/1/run/artifacts/bundle"));
        assertTrue(other.getMessage().contains("unsupported artifact location mlflow-artifacts:/1/run/artifacts/bundle"),
                other.getMessage());
    }

    @Test
    void resolvesChildrenWhateverTheScheme() {
        assertEquals(URI.create("s3://b/run/artifacts/model/a%20b.pb"), ArtifactUris.resolve(URI.create("s3://b/run/artifacts"), "model/a b.pb"));
        assertEquals(URI.create("s3://b/run/x:y"), ArtifactUris.resolve(URI.create("s3://b/run/"), "/x:y"));
        assertEquals(URI.create("mlflow-artifacts:/1/abc/artifacts/report.json"),
                ArtifactUris.resolve(URI.create("mlflow-artifacts:/1/abc/artifacts"), "report.json"));
        assertEquals(Path.of("/tmp/out/model"), ArtifactUris.toPath(ArtifactUris.resolve(URI.create("file:///tmp/out"), "model")));
    }

    @Test
    void aLocalChildMustStayInsideItsBase() {
        UnsafePathException refused = assertThrows(UnsafePathException.class,
                () -> ArtifactUris.resolve(URI.create("file:///tmp/out"), "models/../../etc/cron.d"));
        assertEquals("models/../../etc/cron.d", refused.name());
        assertEquals(Path.of("/tmp/out"), refused.folder());
    }

    @Test
    void parentsOfLocalAndS3Locations() {
        assertEquals(URI.create("s3://b/work"), ArtifactUris.parent(URI.create("s3://b/work/run-1/")));
        assertEquals(URI.create("s3://b/"), ArtifactUris.parent(URI.create("s3://b/work")));
        assertEquals(URI.create("s3://b/"), ArtifactUris.parent(URI.create("s3://b/")), "a bucket is its own parent");
        assertEquals(URI.create("s3://b/a%20b"), ArtifactUris.parent(URI.create("s3://b/a%20b/c")));
        assertEquals(Path.of("/tmp/out"), ArtifactUris.toPath(ArtifactUris.parent(URI.create("file:///tmp/out/bundle"))));
        assertEquals(Path.of("/"), ArtifactUris.toPath(ArtifactUris.parent(URI.create("file:///"))));
        assertThrows(IllegalArgumentException.class, () -> ArtifactUris.parent(URI.create("mlflow-artifacts:/1/x")));
    }

    @Test
    void s3LocationsUseTheAuthorityAsBucket() {
        S3Location location = S3Location.of(URI.create("s3://my_bucket/a/b/"));
        assertEquals("my_bucket", location.bucket());
        assertEquals("a/b", location.key());
        assertEquals("a/.b.tmp", location.sibling(".b.tmp").key());
        assertThrows(IllegalArgumentException.class, () -> S3Location.of(URI.create("file:///x")));
    }
}

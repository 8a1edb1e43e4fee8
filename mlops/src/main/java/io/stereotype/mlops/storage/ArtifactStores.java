package io.stereotype.mlops.storage;

import io.stereotype.mlops.RetryPolicy;

import java.net.URI;
import java.util.Map;

/**
 * Picks the {@link ArtifactStore} for a URI: local files for {@code file:} URIs and plain paths,
 * S3 for {@code s3://}. The S3 store (and its client) is built on first use and then reused;
 * close this object to release it.
 */
public final class ArtifactStores implements AutoCloseable {
    private final LocalArtifactStore local = new LocalArtifactStore();
    private final S3Settings s3Settings;
    private final RetryPolicy retryPolicy;
    private S3ArtifactStore s3;

    public ArtifactStores(S3Settings s3Settings, RetryPolicy retryPolicy) {
        this.s3Settings = s3Settings;
        this.retryPolicy = retryPolicy;
    }

    /** S3 settings from the usual environment variables (see {@link S3Settings#fromEnvironment}), default retries. */
    public static ArtifactStores fromEnvironment(Map<String, String> env) {
        return new ArtifactStores(S3Settings.fromEnvironment(env), RetryPolicy.DEFAULT);
    }

    public ArtifactStore forUri(URI uri) {
        if (ArtifactUris.isLocal(uri)) {
            return local;
        }
        if ("s3".equals(uri.getScheme())) {
            return s3();
        }
        throw new IllegalArgumentException("unsupported artifact URI " + uri + ": use s3://bucket/key, file:///path or a plain path");
    }

    private synchronized S3ArtifactStore s3() {
        if (s3 == null) {
            s3 = S3ArtifactStore.connect(s3Settings, retryPolicy);
        }
        return s3;
    }

    @Override
    public synchronized void close() throws Exception {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }
}

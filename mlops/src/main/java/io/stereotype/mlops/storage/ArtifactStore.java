package io.stereotype.mlops.storage;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Files and folders addressed by URI ({@code file:///abs}, a plain path, or {@code s3://bucket/key}).
 *
 * <p>Writes are atomic for readers: a file or folder is either absent, or complete in its old or its
 * new version, never half-written. Writing to an existing URI replaces it, so a step can be rerun
 * with the same output URI. A folder on S3 counts as present only once its completion marker
 * ({@link S3ArtifactStore#COMPLETION_MARKER}) is written.
 *
 * <p>Failures: {@link ArtifactNotFoundException} for a missing file or folder,
 * {@link io.stereotype.mlops.ServiceUnavailableException} when the storage service stays
 * unreachable, {@link ArtifactStoreException} for any other refusal.
 */
public interface ArtifactStore {

    /** Copies the file at {@code source} to the local file {@code target}, replacing it. */
    void downloadFile(URI source, Path target);

    /** Copies the folder at {@code source} (recursively) to the local folder {@code target}, replacing it. */
    void downloadFolder(URI source, Path target);

    /**
     * Copies everything under {@code source} to {@code target}, whoever wrote it: data sets are
     * uploaded with other tools (mc, aws s3 sync), which leave no completion marker, so the check of
     * {@link #downloadFolder} would call them missing. An empty or absent prefix is not found.
     */
    void downloadTree(URI source, Path target);

    /** Stores the local file {@code source} at {@code target}, replacing what was there. */
    void uploadFile(Path source, URI target);

    /** Stores the local folder {@code source} (recursively) at {@code target}, replacing what was there. */
    void uploadFolder(Path source, URI target);

    /** The UTF-8 content of a small file, such as a JSON manifest. */
    String readText(URI source);

    /** Stores {@code text} as UTF-8 at {@code target}, replacing what was there. */
    void writeText(URI target, String text);

    /** True when {@code uri} is a file or a complete folder. */
    boolean exists(URI uri);

    /** The files under the folder {@code folder}, recursively, sorted by URI (completion markers left out). */
    List<URI> list(URI folder);

    /** Removes the file or folder at {@code uri}; nothing happens when it is absent. */
    void delete(URI uri);
}

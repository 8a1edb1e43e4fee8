package io.stereotype.mlops.storage;

import io.minio.MinioClient;
import io.stereotype.mlops.RetryPolicy;
import io.stereotype.mlops.ServiceUnavailableException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@link ArtifactStore} on S3 (MinIO, AWS) through one reused MinIO client.
 *
 * <p>S3 has no rename, so a folder is written under a temporary sibling prefix, then copied
 * server-side into place, and only then marked complete by an empty {@link #COMPLETION_MARKER}
 * object inside it. Readers treat a prefix without the marker as absent: an interrupted upload, or
 * one whose publication is under way, is never mistaken for a folder.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {
    /** Written last into every folder this store uploads; a folder without it does not exist for readers. */
    public static final String COMPLETION_MARKER = ".stereotype-complete";

    /** A dead endpoint should fail fast and be retried by our policy, not hang in one long connect. */
    private static final long CONNECT_TIMEOUT_SECONDS = 10;
    private static final long TRANSFER_TIMEOUT_SECONDS = TimeUnit.MINUTES.toSeconds(5);

    private final MinioClient client;
    private final S3Objects objects;

    private S3ArtifactStore(MinioClient client, String endpoint, RetryPolicy retryPolicy) {
        this.client = client;
        this.objects = new S3Objects(client, endpoint, retryPolicy);
    }

    /** Builds the MinIO client (costly: do it once per process and reuse the store). */
    public static S3ArtifactStore connect(S3Settings settings, RetryPolicy retryPolicy) {
        MinioClient.Builder builder = MinioClient.builder().endpoint(settings.endpoint()).region(settings.region());
        if (settings.accessKey() != null) {
            builder.credentials(settings.accessKey(), settings.secretKey());
        }
        MinioClient client = builder.build();
        client.setTimeout(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS), TimeUnit.SECONDS.toMillis(TRANSFER_TIMEOUT_SECONDS),
                TimeUnit.SECONDS.toMillis(TRANSFER_TIMEOUT_SECONDS));
        return new S3ArtifactStore(client, settings.endpoint(), retryPolicy);
    }

    @Override
    public void downloadFile(URI source, Path target) {
        S3Location object = location(source);
        LocalFiles.writeFileAtomically(target, file -> objects.download(object, file));
    }

    @Override
    public void downloadFolder(URI source, Path target) {
        S3Location folder = completeFolder(source);
        download(folder, contentOf(folder), target);
    }

    @Override
    public void downloadTree(URI source, Path target) {
        S3Location folder = location(source);
        List<String> relativeKeys = contentOf(folder).stream().filter(key -> !key.endsWith("/")).toList();
        if (relativeKeys.isEmpty()) {
            throw new ArtifactNotFoundException(source, "no objects under this prefix", null);
        }
        download(folder, relativeKeys, target);
    }

    /** Every key is checked before the first byte is written: a folder with one unsafe key is refused whole. */
    private void download(S3Location folder, List<String> relativeKeys, Path target) {
        for (String relative : relativeKeys) {
            requireSafe(folder, relative, target);
        }
        LocalFiles.writeFolderAtomically(target, local -> {
            for (String relative : relativeKeys) {
                Path file = SafePaths.resolveUnder(local, relative);
                Files.createDirectories(file.getParent());
                objects.download(folder.child(relative), file);
            }
        });
    }

    /** The refusal names the whole key, which is what a user finds in the bucket. */
    private static void requireSafe(S3Location folder, String relative, Path target) {
        try {
            SafePaths.resolveUnder(target, relative);
        } catch (UnsafePathException unsafe) {
            throw new UnsafePathException(folder.child(relative).toString(), target, unsafe.reason());
        }
    }

    @Override
    public void uploadFile(Path source, URI target) {
        if (!Files.isRegularFile(source)) {
            throw new ArtifactNotFoundException(source.toUri(), "no such local file to upload", null);
        }
        objects.upload(source, location(target));
    }

    @Override
    public void uploadFolder(Path source, URI target) {
        if (!Files.isDirectory(source)) {
            throw new ArtifactNotFoundException(source.toUri(), "no such local folder to upload", null);
        }
        S3Location folder = location(target);
        S3Location staging = folder.sibling("." + folder.name() + ".staging-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            List<String> relativeKeys = new ArrayList<>();
            for (Path relative : LocalFiles.filesUnder(source)) {
                String key = relative.toString().replace('\\', '/');
                objects.upload(source.resolve(relative), staging.child(key));
                relativeKeys.add(key);
            }
            publish(staging, relativeKeys, folder);
        } catch (ServiceUnavailableException unreachable) {
            throw unreachable; // cleaning up now would only wait for the service a second time
        } catch (RuntimeException failure) {
            removeQuietly(staging);
            throw failure;
        }
        removeQuietly(staging);
    }

    /**
     * Replaces the folder's content by the staged objects. The marker goes first so that readers see
     * the folder as absent while its content changes, and comes back last when the content is whole.
     */
    private void publish(S3Location staging, List<String> relativeKeys, S3Location folder) {
        S3Location marker = folder.child(COMPLETION_MARKER);
        objects.remove(folder.bucket(), List.of(marker.key()));
        removeAllUnder(folder);
        for (String relative : relativeKeys) {
            objects.copy(staging.child(relative), folder.child(relative));
        }
        objects.write(new byte[0], marker);
    }

    @Override
    public String readText(URI source) {
        return new String(objects.read(location(source)), StandardCharsets.UTF_8);
    }

    @Override
    public void writeText(URI target, String text) {
        objects.write(text.getBytes(StandardCharsets.UTF_8), location(target));
    }

    @Override
    public boolean exists(URI uri) {
        S3Location location = location(uri);
        return objects.exists(location) || objects.exists(location.child(COMPLETION_MARKER));
    }

    @Override
    public List<URI> list(URI folder) {
        S3Location complete = completeFolder(folder);
        return contentOf(complete).stream().map(relative -> complete.child(relative).toUri()).sorted().toList();
    }

    @Override
    public void delete(URI uri) {
        S3Location location = location(uri);
        objects.remove(location.bucket(), List.of(location.child(COMPLETION_MARKER).key()));
        removeAllUnder(location);
        objects.remove(location.bucket(), List.of(location.key()));
    }

    @Override
    public void close() throws Exception {
        client.close();
    }

    private static S3Location location(URI uri) {
        S3Location location = S3Location.of(uri);
        if (location.key().isEmpty()) {
            throw new IllegalArgumentException("S3 URI " + uri + " names a bucket but no object or folder in it");
        }
        return location;
    }

    private S3Location completeFolder(URI uri) {
        S3Location folder = location(uri);
        if (!objects.exists(folder.child(COMPLETION_MARKER))) {
            throw new ArtifactNotFoundException(uri, "no complete folder: missing, partly written, or not written by this store (no "
                    + COMPLETION_MARKER + " marker)", null);
        }
        return folder;
    }

    /** Keys of the folder's files relative to it, markers of this folder and of nested folders left out. */
    private List<String> contentOf(S3Location folder) {
        String prefix = folder.folderPrefix();
        return objects.keysStartingWith(folder.bucket(), prefix).stream()
                .map(key -> key.substring(prefix.length()))
                .filter(relative -> !relative.equals(COMPLETION_MARKER) && !relative.endsWith("/" + COMPLETION_MARKER))
                .toList();
    }

    private void removeAllUnder(S3Location folder) {
        List<String> keys = objects.keysStartingWith(folder.bucket(), folder.folderPrefix());
        if (!keys.isEmpty()) {
            objects.remove(folder.bucket(), keys);
        }
    }

    /** Cleanup of the staging prefix: its own failure must not hide the upload's outcome. */
    private void removeQuietly(S3Location staging) {
        try {
            removeAllUnder(staging);
        } catch (RuntimeException ignored) {
            // leftover staging objects are invisible to readers and named as such
        }
    }
}

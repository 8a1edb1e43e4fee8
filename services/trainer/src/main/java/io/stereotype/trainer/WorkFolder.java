package io.stereotype.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.stereotype.core.io.Json;
import io.stereotype.core.model.NetworkId;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.ArtifactStore;
import io.stereotype.mlops.storage.ArtifactUris;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The shared folder of one retrain ({@code file://} or {@code s3://}): {@code prep.json} and one
 * network folder per trained network. Networks are downloaded to a local cache when the folder is
 * remote, and published with the store's atomic folder upload.
 */
public final class WorkFolder {
    private final URI uri;
    private final ArtifactStore store;
    private final Path cache;

    public WorkFolder(URI uri, Services services) {
        this.uri = uri;
        this.store = services.store(uri);
        this.cache = services.cacheDir().resolve("work").resolve(shortHash(uri.toString()));
    }

    public URI uri() {
        return uri;
    }

    public URI networkUri(NetworkId id) {
        return ArtifactUris.resolve(uri, id.name());
    }

    public void writePrep(Prep prep) {
        try {
            store.writeText(ArtifactUris.resolve(uri, Prep.FILE), Json.MAPPER.writeValueAsString(prep));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Prep readPrep() {
        URI file = ArtifactUris.resolve(uri, Prep.FILE);
        String text;
        try {
            text = store.readText(file);
        } catch (ArtifactNotFoundException e) {
            throw new ExitCodes.UsageException("work folder " + uri + " has no " + Prep.FILE + ": run the prep step first");
        }
        try {
            Prep prep = Json.MAPPER.readValue(text, Prep.class);
            if (prep.formatVersion() < Prep.OLDEST_READABLE_VERSION || prep.formatVersion() > Prep.FORMAT_VERSION) {
                throw new ExitCodes.UsageException(file + " has format version " + prep.formatVersion()
                        + "; this trainer reads " + Prep.OLDEST_READABLE_VERSION + " to " + Prep.FORMAT_VERSION);
            }
            return prep;
        } catch (JsonProcessingException e) {
            throw new ExitCodes.BadDataException("cannot read " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** A local copy of a trained network's folder (the folder itself when the work folder is local). */
    public Path fetchNetwork(NetworkId id) {
        URI network = networkUri(id);
        if (ArtifactUris.isLocal(uri)) {
            Path local = ArtifactUris.toPath(network);
            if (!Files.isDirectory(local)) {
                throw new ExitCodes.UsageException("network " + id + " is not in " + uri + ": train it first");
            }
            return local;
        }
        Path local = cache.resolve(id.name());
        try {
            store.downloadFolder(network, local);
        } catch (ArtifactNotFoundException e) {
            throw new ExitCodes.UsageException("network " + id + " is not in " + uri + ": train it first");
        }
        return local;
    }

    /** Publishes a network folder built locally; a rerun replaces the previous one. */
    public URI publishNetwork(NetworkId id, Path localFolder) {
        store.uploadFolder(localFolder, networkUri(id));
        return networkUri(id);
    }

    /** A fresh local folder to build outputs in before they are published. */
    public Path staging(String name) {
        try {
            Files.createDirectories(cache);
            return Files.createTempDirectory(cache, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging folder under " + cache, e);
        }
    }

    static String shortHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

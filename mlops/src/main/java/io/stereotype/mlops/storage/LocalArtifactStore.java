package io.stereotype.mlops.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@link ArtifactStore} for {@code file:} URIs and plain paths; a local folder is present as soon as it exists. */
public final class LocalArtifactStore implements ArtifactStore {

    @Override
    public void downloadFile(URI source, Path target) {
        copyFile(existingFile(source), target);
    }

    @Override
    public void downloadFolder(URI source, Path target) {
        copyFolder(existingFolder(source), target);
    }

    @Override
    public void downloadTree(URI source, Path target) {
        downloadFolder(source, target);
    }

    @Override
    public void uploadFile(Path source, URI target) {
        copyFile(existingFile(source.toUri()), ArtifactUris.toPath(target));
    }

    @Override
    public void uploadFolder(Path source, URI target) {
        copyFolder(existingFolder(source.toUri()), ArtifactUris.toPath(target));
    }

    @Override
    public String readText(URI source) {
        Path file = existingFile(source);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e, e);
        }
    }

    @Override
    public void writeText(URI target, String text) {
        LocalFiles.writeFileAtomically(ArtifactUris.toPath(target), file -> Files.writeString(file, text, StandardCharsets.UTF_8));
    }

    @Override
    public boolean exists(URI uri) {
        return Files.exists(ArtifactUris.toPath(uri));
    }

    @Override
    public List<URI> list(URI folder) {
        Path root = existingFolder(folder);
        return LocalFiles.filesUnder(root).stream().map(relative -> root.resolve(relative).toUri()).toList();
    }

    @Override
    public void delete(URI uri) {
        Path path = ArtifactUris.toPath(uri);
        try {
            LocalFiles.deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + path + ": " + e, e);
        }
    }

    private static void copyFile(Path source, Path target) {
        LocalFiles.writeFileAtomically(target, file -> Files.copy(source, file));
    }

    private static void copyFolder(Path source, Path target) {
        LocalFiles.writeFolderAtomically(target, folder -> LocalFiles.copyTree(source, folder));
    }

    private static Path existingFile(URI uri) {
        Path path = ArtifactUris.toPath(uri);
        if (!Files.isRegularFile(path)) {
            throw new ArtifactNotFoundException(uri, Files.isDirectory(path) ? "it is a folder, not a file" : null, null);
        }
        return path;
    }

    private static Path existingFolder(URI uri) {
        Path path = ArtifactUris.toPath(uri);
        if (!Files.isDirectory(path)) {
            throw new ArtifactNotFoundException(uri, Files.exists(path) ? "it is a file, not a folder" : null, null);
        }
        return path;
    }
}

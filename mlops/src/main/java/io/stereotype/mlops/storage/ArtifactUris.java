package io.stereotype.mlops.storage;

import java.net.URI;
import java.nio.file.Path;

/** Conversions between the ways users write artifact locations and the URIs the stores take. */
public final class ArtifactUris {
    private ArtifactUris() {
    }

    /**
     * Reads a location as given on a command line or in a config file: {@code s3://bucket/key},
     * {@code file:///abs/path}, or a plain (absolute or relative) path, which may contain spaces.
     */
    public static URI parse(String location) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("artifact location is empty");
        }
        String trimmed = location.strip();
        if (trimmed.startsWith("s3://") || trimmed.startsWith("file:")) {
            return URI.create(trimmed);
        }
        // "mlflow-artifacts:/x" or "gs://x" would otherwise become a relative local path of that name
        if (trimmed.matches("[A-Za-z][A-Za-z0-9+.-]+:.*") && !trimmed.matches("[A-Za-z]:[\\\\/].*")) {
            throw new IllegalArgumentException("unsupported artifact location " + trimmed
                    + ": use s3://bucket/key, file:///path or a plain path");
        }
        return Path.of(trimmed).toAbsolutePath().normalize().toUri();
    }

    /** True for URIs handled by {@link LocalArtifactStore}: no scheme (a plain path) or {@code file:}. */
    public static boolean isLocal(URI uri) {
        return uri.getScheme() == null || "file".equals(uri.getScheme());
    }

    /** The local path a {@code file:} URI or a plain path stands for. */
    public static Path toPath(URI uri) {
        if (uri.getScheme() == null) {
            return Path.of(uri.getPath());
        }
        if (!"file".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a local file URI: " + uri);
        }
        return Path.of(uri);
    }

    /**
     * {@code base} extended by the relative path {@code child} ("a/b"), whatever the scheme. Leading slashes are
     * dropped; a local result must lie inside {@code base} ({@link SafePaths}).
     */
    public static URI resolve(URI base, String child) {
        String relative = child.replace('\\', '/');
        while (relative.startsWith("/")) {
            relative = relative.substring(1);
        }
        if (relative.isEmpty()) {
            return base;
        }
        if (isLocal(base)) {
            return SafePaths.resolveUnder(toPath(base), relative).toUri();
        }
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text : text + "/").resolve(encodePath(relative));
    }

    /**
     * The folder that holds {@code uri} (a trailing slash is ignored), for local and {@code s3://} URIs. A file
     * system root and a bucket are their own parents.
     */
    public static URI parent(URI uri) {
        if (isLocal(uri)) {
            Path path = toPath(uri).toAbsolutePath().normalize();
            return (path.getParent() == null ? path : path.getParent()).toUri();
        }
        S3Location location = S3Location.of(uri);
        int slash = location.key().lastIndexOf('/');
        return new S3Location(location.bucket(), slash < 0 ? "" : location.key().substring(0, slash)).toUri();
    }

    private static String encodePath(String relative) {
        // the multi-argument URI constructor quotes characters (spaces, '#', '?') that URI.create rejects;
        // "./" keeps a first segment with a colon ("a:b") from being read as a scheme
        try {
            return new URI(null, null, "./" + relative, null).getRawPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("invalid relative artifact path: " + relative, e);
        }
    }
}

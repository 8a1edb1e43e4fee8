package io.stereotype.mlops.storage;

import java.nio.file.Path;

/**
 * A remote name (an S3 key, a file in a copied folder) would not land inside the local folder it is
 * copied into: absolute, with {@code ..} or empty segments, Windows separators, or a NUL. Nothing is
 * written for such a name, whoever put it in the store.
 */
public class UnsafePathException extends ArtifactStoreException {
    private final String name;
    private final Path folder;
    private final String reason;

    public UnsafePathException(String name, Path folder, String reason) {
        super("refusing remote name '" + printable(name) + "': " + reason + "; files are only written inside " + folder, null);
        this.name = name;
        this.folder = folder;
        this.reason = reason;
    }

    /** The name as the store listed it. */
    public String name() {
        return name;
    }

    /** The local folder it was to be written under. */
    public Path folder() {
        return folder;
    }

    /** What is wrong with the name, e.g. "it has a '..' path segment". */
    public String reason() {
        return reason;
    }

    /** A NUL or a line break in a message would cut log lines; show them escaped. */
    private static String printable(String name) {
        return name == null ? "null" : name.replace("\0", "\\0").replace("\n", "\\n").replace("\r", "\\r");
    }
}

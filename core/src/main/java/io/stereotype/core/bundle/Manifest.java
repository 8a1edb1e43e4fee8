package io.stereotype.core.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The bundle's table of contents: format version, creation time and the SHA-256 of every file, so
 * that a truncated copy or a flipped byte is caught at load time rather than as wrong scores.
 */
public record Manifest(int formatVersion, String createdAt, Map<String, String> files) {
    public static final String FILE = "manifest.json";

    /** Hashes every file under {@code root} except the manifest itself. */
    public static Manifest of(Path root, int formatVersion) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                if (!relative.equals(FILE)) {
                    files.put(relative, sha256(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return new Manifest(formatVersion, Instant.now().toString(), files);
    }

    /** Throws a BundleException naming the first file that is missing or differs from its checksum. */
    public void verify(Path root) {
        for (Map.Entry<String, String> entry : files.entrySet()) {
            Path file = root.resolve(entry.getKey());
            if (!Files.isRegularFile(file)) {
                throw new BundleException("bundle " + root + " is incomplete: missing file " + entry.getKey());
            }
            if (!sha256(file).equals(entry.getValue())) {
                throw new BundleException("bundle " + root + " is corrupted: checksum mismatch for " + entry.getKey());
            }
        }
    }

    /** One hash over all file hashes: identifies the bundle's content (reports, registry tags). */
    public String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((name, hash) -> digest.update((name + "=" + hash + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // reading drives the digest
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

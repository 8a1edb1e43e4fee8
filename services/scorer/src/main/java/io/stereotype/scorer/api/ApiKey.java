package io.stereotype.scorer.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The configured API key, compared in constant time: both sides are hashed first, so neither the
 * key's content nor its length shows in how long a wrong guess takes. Never printed.
 */
final class ApiKey {
    private final byte[] digest;

    ApiKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("API key is empty");
        }
        this.digest = sha256(key);
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }
}

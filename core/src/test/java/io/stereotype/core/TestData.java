package io.stereotype.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the data sets fetched by scripts/fetch-data.sh live; fails with the fix when they are missing. */
public final class TestData {
    private TestData() {
    }

    public static Path mnistDigits() {
        Path digits = root().resolve("mnist/digits");
        if (!Files.isRegularFile(digits.resolve("0.json"))) {
            throw new IllegalStateException("MNIST digits not found under " + digits
                    + ": run scripts/fetch-data.sh (scripts/test.sh does it)");
        }
        return digits;
    }

    private static Path root() {
        String configured = System.getProperty("stereotype.data");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache/stereotype/data");
    }
}

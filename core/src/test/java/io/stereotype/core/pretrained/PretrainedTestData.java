package io.stereotype.core.pretrained;

import java.nio.file.Files;
import java.nio.file.Path;

/** The weights and photographs fetched by scripts/fetch-data.sh --weights --textures; fails with the fix when missing. */
final class PretrainedTestData {
    private PretrainedTestData() {
    }

    static Path weights() {
        return existing("weights/efficientnet-lite0.pth", "--weights");
    }

    static Path photo(String name) {
        return existing("photos/" + name, "--textures");
    }

    private static Path existing(String relative, String flag) {
        String configured = System.getProperty("stereotype.data");
        Path root = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache/stereotype/data");
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " not found: run scripts/fetch-data.sh " + flag + " (scripts/test.sh does it)");
        }
        return file;
    }
}

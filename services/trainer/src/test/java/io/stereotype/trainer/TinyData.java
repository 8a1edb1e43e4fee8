package io.stereotype.trainer;

import io.stereotype.core.data.TextureDatasetGenerator;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny texture data set with synthetic defects, and training flags that finish in seconds. */
final class TinyData {
    /** Hyper-parameters of a tree that trains in seconds (quality does not matter here). */
    static final String[] FAST = {"--epochs", "1", "--masters", "2", "--bachelors", "1", "--patch-size", "32",
            "--image-size", "64"};

    private TinyData() {
    }

    static synchronized Path dataset(Path dir) {
        Path data = dir.resolve("tiny-textures");
        if (!Files.isDirectory(data)) {
            TextureDatasetGenerator.builder().texture("noise").size(64).trainCount(12).testGoodCount(3).defectCount(2)
                    .seed(3).build().generate(data);
        }
        return data;
    }

    static String[] with(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}

package io.stereotype.trainer;

import io.stereotype.core.data.TextureDatasetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A tiny texture data set with synthetic defects, a tiny labelled one, and training flags that finish in seconds. */
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

    /**
     * A tiny labelled data set for the doctor, one folder per class (3 textures, 4 RGB images each,
     * like {@link #dataset}'s): {@code --doctor-data}.
     */
    static synchronized Path labelled(Path dir) throws IOException {
        Path labelled = dir.resolve("tiny-labelled");
        if (!Files.isDirectory(labelled)) {
            for (String kind : List.of("noise", "wood", "weave")) {
                Path generated = dir.resolve("tiny-" + kind);
                TextureDatasetGenerator.builder().texture(kind).size(64).trainCount(4).testGoodCount(1).defectCount(1)
                        .seed(5).build().generate(generated);
                Files.createDirectories(labelled);
                Files.move(generated.resolve("train/good"), labelled.resolve(kind));
            }
        }
        return labelled;
    }

    static String[] with(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}

package io.stereotype.core.infer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes DJL's TensorFlow engine run on TensorFlow Java's native runtime, so that one TensorFlow
 * lives in the JVM and no native library is downloaded (the machines are offline).
 *
 * <p>DJL looks for its JNI library under {@code TENSORFLOW_LIBRARY_PATH} (environment or system
 * property) before downloading one; with TF Java's classes already loaded it only needs a file of
 * that name to exist there, so we point it at a folder holding an empty placeholder.
 */
public final class TensorFlowRuntime {
    static final String LIBRARY_PATH = "TENSORFLOW_LIBRARY_PATH";
    private static volatile boolean ready;

    private TensorFlowRuntime() {
    }

    public static synchronized void ensureReady() {
        if (ready) {
            return;
        }
        // load TF Java's natives first: DJL then binds to the already loaded runtime
        org.tensorflow.TensorFlow.version();
        if (System.getenv(LIBRARY_PATH) == null && System.getProperty(LIBRARY_PATH) == null) {
            System.setProperty(LIBRARY_PATH, placeholderFolder().toString());
        }
        ready = true;
    }

    private static Path placeholderFolder() {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"), "stereotype-djl-tf-" + System.getProperty("user.name"));
        try {
            Files.createDirectories(folder);
            Path library = folder.resolve("libjnitensorflow.so");
            if (!Files.exists(library)) {
                Files.createFile(library);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the DJL TensorFlow library folder " + folder, e);
        }
    }
}

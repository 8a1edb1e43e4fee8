package io.stereotype.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Finds and reads the binary files of data set distributions, plain or gzip-compressed. */
final class BinaryFiles {

    static final String GZIP_SUFFIX = ".gz";

    private BinaryFiles() {
    }

    /**
     * @return {@code dir/name} if it exists, else {@code dir/name.gz}
     * @throws DatasetException when neither exists
     */
    static Path locate(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path compressed = dir.resolve(name + GZIP_SUFFIX);
        if (Files.isRegularFile(compressed)) {
            return compressed;
        }
        throw new DatasetException("missing file " + plain + " (or " + compressed.getFileName() + ")");
    }

    /**
     * The whole content, decompressed when the name ends in {@code .gz}.
     *
     * @throws DatasetException naming the file when it cannot be read or is not valid gzip data
     */
    static byte[] read(Path file) {
        try {
            if (!file.getFileName().toString().endsWith(GZIP_SUFFIX)) {
                return Files.readAllBytes(file);
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            String kind = file.getFileName().toString().endsWith(GZIP_SUFFIX) ? "corrupt or truncated gzip file" : "cannot read file";
            throw new DatasetException(file + ": " + kind + ": " + e.getMessage(), e);
        }
    }
}

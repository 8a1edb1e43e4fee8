package io.stereotype.core.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.stereotype.core.io.Json;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads the JSON files of bundles and network folders; any problem is a {@link BundleException} naming the file. */
final class BundleJson {
    private BundleJson() {
    }

    static <T> T read(Path file, Class<T> type) {
        try {
            return Json.read(file, type);
        } catch (UncheckedIOException e) {
            throw new BundleException(e.getMessage(), e);
        }
    }

    static <T> T convert(JsonNode json, Class<T> type, Path file) {
        try {
            return Json.MAPPER.treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BundleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}

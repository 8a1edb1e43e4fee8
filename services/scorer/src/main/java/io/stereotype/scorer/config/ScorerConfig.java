package io.stereotype.scorer.config;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The scorer's settings ({@code stereotype.*} in application.properties, each overridable by its
 * environment variable, e.g. {@code STEREOTYPE_MODEL}, {@code STEREOTYPE_API_KEY}).
 */
@ConfigMapping(prefix = "stereotype")
public interface ScorerConfig {

    /** {@code models:/name@alias}, {@code models:/name} (alias production), {@code models:/name/3}, a bundle path, {@code file://} or {@code s3://} URI. */
    String model();

    /** How often the registry alias (or the bundle's manifest) is checked for a new model. */
    Duration reloadInterval();

    /** Where downloaded bundles are kept while they are loaded. */
    Path cacheDir();

    /** When set, scoring and reload need this value in the {@code X-API-Key} header. */
    Optional<String> apiKey();

    /** Largest accepted image file, in bytes. */
    long maxImageBytes();

    /** Largest accepted image, in pixels (width x height), checked from the header before decoding. */
    long maxPixels();

    /** Most images in one batch request. */
    int maxBatchImages();

    /** Requests scored at the same time; more wait up to {@link #queueTimeout()}, then get 503. */
    int maxConcurrent();

    Duration queueTimeout();
}

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

    /** When set, scoring needs this value in the {@code X-API-Key} header. */
    Optional<String> apiKey();

    /**
     * When set, {@code /v1/reload}, {@code /v1/model} (and what {@link #metricsAccess()} and
     * {@link #openapiAccess()} put behind it) need this value in the {@code X-Admin-Key} header.
     * When only {@link #apiKey()} is set, those are refused to everyone.
     */
    Optional<String> adminKey();

    /** How soon a version that failed to load may be downloaded again on request ({@code POST /v1/reload}). */
    Duration reloadRetryInterval();

    /** Who may read {@code /q/metrics}. */
    Access metricsAccess();

    /** Who may read {@code /q/openapi} and {@code /q/swagger-ui}. */
    Access openapiAccess();

    /** Who may read a management endpoint. */
    enum Access {
        /** anyone who reaches the port */
        OPEN,
        /** like {@code /v1/model}: the admin key when keys are set */
        ADMIN,
        /** nobody (404) */
        OFF
    }

    /** Largest accepted image file, in bytes. */
    long maxImageBytes();

    /** Largest accepted image, in pixels (width x height), checked from the header before decoding. */
    long maxPixels();

    /**
     * An image may have at most this many times the model's input side on each side (16-bit images
     * counting twice), since decoding reads every pixel of the file however few the model needs.
     */
    int maxScale();

    /** Most pixels in all images of one batch together (16-bit images counting twice). */
    long maxBatchPixels();

    /** Most images in one batch request. */
    int maxBatchImages();

    /** Requests scored at the same time; more wait up to {@link #queueTimeout()}, then get 503. */
    int maxConcurrent();

    Duration queueTimeout();
}

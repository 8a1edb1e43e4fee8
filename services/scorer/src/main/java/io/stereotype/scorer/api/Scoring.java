package io.stereotype.scorer.api;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.scorer.config.ScorerConfig;
import io.stereotype.scorer.image.ImageDecoder;
import io.stereotype.scorer.image.ImageLimits;
import io.stereotype.scorer.image.ImageRejectedException;
import io.stereotype.scorer.image.OverlayRenderer;
import io.stereotype.scorer.metrics.ScorerMetrics;
import io.stereotype.scorer.model.LoadedModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Reads uploads within the limits and scores them with a leased model. */
@ApplicationScoped
public class Scoring {
    static final String ANOMALOUS = "anomalous";
    static final String NORMAL = "normal";

    private final ImageDecoder decoder;
    private final ScorerMetrics metrics;

    public Scoring(ScorerConfig config, ScorerMetrics metrics) {
        this.decoder = new ImageDecoder(new ImageLimits(config.maxImageBytes(), config.maxPixels()));
        this.metrics = metrics;
    }

    /** Reads a multipart file, refusing it by its size before its bytes are read. */
    Upload read(FileUpload file) {
        decoder.checkSize(file.size(), Upload.describe(file.fileName()));
        try {
            return new Upload(file.fileName(), Files.readAllBytes(file.uploadedFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded file " + file.fileName(), e);
        }
    }

    /**
     * @param receivedNanos {@link System#nanoTime()} when the request arrived, for the total time
     * @throws ImageRejectedException when the upload is not an image the model can score
     */
    ScoredImage score(LoadedModel model, Upload upload, boolean withOverlay, long receivedNanos) {
        long start = System.nanoTime();
        FloatImage image = decoder.decode(upload.bytes(), upload.describe());
        long decoded = System.nanoTime();
        AnomalyResult verdict;
        try {
            verdict = model.detector().score(image, upload.describe(), false);
        } catch (IllegalArgumentException e) {
            throw new ImageRejectedException(ImageRejectedException.Reason.UNSCORABLE, e.getMessage());
        }
        long scored = System.nanoTime();
        byte[] overlay = withOverlay ? OverlayRenderer.png(image, verdict) : null;
        String label = verdict.anomalous() ? ANOMALOUS : NORMAL;
        metrics.recordScore(verdict.score(), label);
        Timings timings = new Timings(millis(decoded - start), millis(scored - decoded), millis(System.nanoTime() - receivedNanos));
        return new ScoredImage(new ScoreResult(upload.fileName(), verdict.score(), label, verdict.threshold(), model.identity(), timings),
                overlay);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}

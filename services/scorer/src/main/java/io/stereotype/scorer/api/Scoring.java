package io.stereotype.scorer.api;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.score.AnomalyResult;
import io.stereotype.scorer.config.ScorerConfig;
import io.stereotype.scorer.image.ImageDecoder;
import io.stereotype.scorer.image.ImageHeader;
import io.stereotype.scorer.image.ImageLimits;
import io.stereotype.scorer.image.ImageRejectedException;
import io.stereotype.scorer.image.ModelInput;
import io.stereotype.scorer.image.OverlayRenderer;
import io.stereotype.scorer.metrics.ScorerMetrics;
import io.stereotype.scorer.model.LoadedModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Reads uploads within the limits and scores them with a leased model. */
@ApplicationScoped
public class Scoring {
    static final String ANOMALOUS = "anomalous";
    static final String NORMAL = "normal";

    private final ImageDecoder decoder;
    private final ScorerMetrics metrics;

    public Scoring(ScorerConfig config, ScorerMetrics metrics) {
        this.decoder = new ImageDecoder(new ImageLimits(config.maxImageBytes(), config.maxPixels(), config.maxScale(),
                config.maxBatchPixels()));
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

    /** @throws ImageRejectedException when the upload is not an image this model can score */
    ImageHeader inspect(LoadedModel model, Upload upload) {
        return decoder.inspect(upload.bytes(), upload.describe(), inputOf(model));
    }

    /** @throws ImageRejectedException when the images of a batch cost too much to decode together */
    void checkBatch(List<ImageHeader> headers) {
        decoder.checkBatch(headers);
    }

    /**
     * @param header        what {@link #inspect} found
     * @param receivedNanos {@link System#nanoTime()} when the request arrived, for the total time
     * @throws ImageRejectedException when the upload is not an image the model can score
     */
    ScoredImage score(LoadedModel model, Upload upload, ImageHeader header, boolean withOverlay, long receivedNanos) {
        long start = System.nanoTime();
        ModelInput input = inputOf(model);
        FloatImage image = decoder.decode(upload.bytes(), header, upload.describe(), input);
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
        return new ScoredImage(new ScoreResult(upload.fileName(), verdict.score(), label, verdict.threshold(),
                ScoreResult.Model.of(model.identity()), enlargement(header, input), timings), overlay);
    }

    /** Scores an upload with nothing known about it yet. */
    ScoredImage score(LoadedModel model, Upload upload, boolean withOverlay, long receivedNanos) {
        return score(model, upload, inspect(model, upload), withOverlay, receivedNanos);
    }

    /** Says so when the model enlarges an image smaller than its input, which it does by design. */
    private static String enlargement(ImageHeader header, ModelInput input) {
        int shorter = Math.min(header.width(), header.height());
        if (shorter < input.patchSize()) {
            return "this " + header.size() + " image is smaller than the model's patch of " + input.patchSize()
                    + " pixels; the model enlarges such images by design (resizeSmall), so the score rests on few real pixels";
        }
        if (input.imageSize() > 0 && (header.width() < input.imageSize() || header.height() < input.imageSize())) {
            return "this " + header.size() + " image was enlarged to the model's input of " + input.imageSize() + "x"
                    + input.imageSize() + " (the model resizes every image to that size by design)";
        }
        return null;
    }

    static ModelInput inputOf(LoadedModel model) {
        ModelDescription description = model.detector().bundle().model();
        return new ModelInput(description.imageSize(), description.patchSize(), description.resizeSmall());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}

package io.stereotype.trainer;

import io.stereotype.core.train.TrainingListener;
import java.time.Duration;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Logs how far reading a training set has got, at most every few seconds and once at the end: a set
 * of 100,000 images takes minutes to read, and a silent step looks hung.
 */
final class ReadProgress implements TrainingListener {
    private static final Logger LOG = Logger.getLogger(ReadProgress.class);
    private static final long INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final String described;
    private final long start = System.nanoTime();
    private long lastLog = start;

    /** @param described names the data, e.g. {@code "data set /data/bottles"} */
    ReadProgress(String described) {
        this.described = described;
    }

    @Override
    public void onImageRead(int done, int total) {
        long now = System.nanoTime();
        if (done == total || now - lastLog >= INTERVAL_NANOS) {
            lastLog = now;
            LOG.info(String.format(Locale.ROOT, "%s: read %d/%d images, %.0f s", described, done, total,
                    (now - start) / 1e9));
        }
    }
}

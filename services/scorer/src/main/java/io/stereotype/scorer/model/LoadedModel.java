package io.stereotype.scorer.model;

import io.stereotype.core.score.Detector;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * A verified, loaded model version and the requests using it. Once retired (replaced by a newer
 * version) it takes no new requests, and closes its detector and deletes its downloaded bundle when
 * the last request still using it finishes.
 */
public final class LoadedModel {
    private static final Logger LOG = Logger.getLogger(LoadedModel.class);

    private final Detector detector;
    private final ModelIdentity identity;
    private final String revision;
    private final BundleCopy bundle;
    private final Instant loadedAt;
    private final UsageCount usage = new UsageCount(this::close);
    private volatile Runnable afterClose = () -> { };

    LoadedModel(Detector detector, ModelIdentity identity, String revision, BundleCopy bundle, Instant loadedAt) {
        this.detector = detector;
        this.identity = identity;
        this.revision = revision;
        this.bundle = bundle;
        this.loadedAt = loadedAt;
    }

    public Detector detector() {
        return detector;
    }

    public ModelIdentity identity() {
        return identity;
    }

    String revision() {
        return revision;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public int inFlight() {
        return usage.users();
    }

    boolean tryAcquire() {
        return usage.tryEnter();
    }

    void release() {
        usage.leave();
    }

    /** Takes no more requests; closes now if idle, else when the last request releases it, then runs {@code afterClose}. */
    void retire(Runnable afterClose) {
        this.afterClose = afterClose;
        usage.retire();
    }

    private void close() {
        try {
            detector.close();
            bundle.discard();
            LOG.infof("closed model %s", identity);
        } catch (RuntimeException e) {
            LOG.warnf(e, "closing model %s failed; its memory or files may linger", identity);
        } finally {
            afterClose.run();
        }
    }
}

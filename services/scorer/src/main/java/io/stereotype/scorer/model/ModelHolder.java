package io.stereotype.scorer.model;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model that serves requests. A new version is switched in atomically; the one it replaces is
 * retired and drains: requests already holding it finish on it, and it closes after the last one.
 */
@ApplicationScoped
public class ModelHolder {
    private final AtomicReference<LoadedModel> current = new AtomicReference<>();
    private final Set<LoadedModel> draining = ConcurrentHashMap.newKeySet();

    /**
     * Leases the current model for one request.
     *
     * @throws ModelNotReadyException when no model is loaded
     */
    public ModelLease acquire() {
        while (true) {
            LoadedModel model = current.get();
            if (model == null) {
                throw new ModelNotReadyException("no model is loaded yet; see /v1/model for the reload status");
            }
            if (model.tryAcquire()) {
                return new ModelLease(model);
            }
            // it was retired between the read and the count: the next read sees its successor
        }
    }

    public Optional<LoadedModel> current() {
        return Optional.ofNullable(current.get());
    }

    /** Retired models still finishing requests. */
    public int drainingCount() {
        return draining.size();
    }

    void install(LoadedModel model) {
        retire(current.getAndSet(model));
    }

    private void retire(LoadedModel old) {
        if (old != null) {
            draining.add(old);
            old.retire(() -> draining.remove(old));
        }
    }

    @PreDestroy
    void close() {
        retire(current.getAndSet(null));
    }
}

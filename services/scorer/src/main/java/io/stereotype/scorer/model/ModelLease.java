package io.stereotype.scorer.model;

/** One request's use of a model: the model stays open until the lease is closed. */
public final class ModelLease implements AutoCloseable {
    private final LoadedModel model;
    private boolean released;

    ModelLease(LoadedModel model) {
        this.model = model;
    }

    public LoadedModel model() {
        return model;
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            model.release();
        }
    }
}

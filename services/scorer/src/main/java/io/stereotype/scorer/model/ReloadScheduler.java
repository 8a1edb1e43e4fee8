package io.stereotype.scorer.model;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stereotype.scorer.config.ScorerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Loads the model right after startup, in the background so that liveness answers while it loads,
 * then polls the reference every {@code stereotype.reload-interval}.
 */
@ApplicationScoped
public class ReloadScheduler {
    private static final Logger LOG = Logger.getLogger(ReloadScheduler.class);

    private final ModelReloader reloader;
    private final ScorerConfig config;
    private ScheduledExecutorService executor;

    public ReloadScheduler(ModelReloader reloader, ScorerConfig config) {
        this.reloader = reloader;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        // asking for the reference builds the locator here, so a bad stereotype.model fails startup
        LOG.infof("following %s, checking every %s", reloader.reference(), config.reloadInterval());
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("model-reload").daemon().factory());
        executor.scheduleWithFixedDelay(this::poll, 0, config.reloadInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            reloader.reload(ReloadTrigger.POLL);
        } catch (RuntimeException | Error e) {
            // an exception escaping a scheduled task cancels all later runs: the poll must go on
            LOG.error("model reload poll failed unexpectedly; polling continues", e);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}

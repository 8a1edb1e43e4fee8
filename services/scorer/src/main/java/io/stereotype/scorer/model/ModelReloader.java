package io.stereotype.scorer.model;

import io.stereotype.mlops.ServiceUnavailableException;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.ArtifactStores;
import io.stereotype.scorer.config.ScorerConfig;
import io.stereotype.scorer.metrics.ScorerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Follows the configured reference: when it points to another model, loads that model beside the
 * serving one and switches to it only once it is verified and runs. Any failure leaves the serving
 * model in place and is reported (log, metric, {@link #lastReport()}, {@link #lastFailure()}).
 */
@ApplicationScoped
public class ModelReloader {
    private static final Logger LOG = Logger.getLogger(ModelReloader.class);

    private final ModelLocator locator;
    private final ModelLoader loader;
    private final ModelHolder holder;
    private final ScorerMetrics metrics;
    private final Clock clock;
    private final Duration retryInterval;
    private final ErrorRedaction redaction;
    private volatile ReloadReport lastReport;
    private volatile ReloadReport lastFailure;
    /** The failure of a revision that a retry cannot fix (bad files); polls skip that revision. */
    private ReloadReport broken;

    public ModelReloader(ModelLocator locator, ArtifactStores stores, ScorerConfig config, ModelHolder holder, ScorerMetrics metrics) {
        this.locator = locator;
        this.clock = Clock.systemUTC();
        this.loader = new ModelLoader(new BundleFetcher(stores, config.cacheDir()), clock);
        this.holder = holder;
        this.metrics = metrics;
        this.retryInterval = config.reloadRetryInterval();
        this.redaction = new ErrorRedaction(config.cacheDir());
    }

    /** One reload attempt; polls and explicit requests take turns. */
    public synchronized ReloadReport reload(ReloadTrigger trigger) {
        ModelCandidate candidate;
        try {
            candidate = locator.locate();
        } catch (RuntimeException e) {
            return failed(null, e);
        }
        Optional<LoadedModel> serving = holder.current();
        if (serving.isPresent() && serving.get().revision().equals(candidate.revision())) {
            return report(ReloadReport.Outcome.UNCHANGED, candidate, null);
        }
        if (broken != null && candidate.revision().equals(broken.candidate())) {
            // a request retries a broken version, but downloads it at most once per retry interval
            if (trigger == ReloadTrigger.POLL) {
                return report(ReloadReport.Outcome.SKIPPED, candidate, broken.error());
            }
            Duration wait = Duration.between(clock.instant(), broken.at().plus(retryInterval));
            if (wait.isPositive()) {
                throw new RetryTooSoonException(wait, "this version failed to load at " + broken.at() + " (" + broken.error()
                        + "); it may be tried again in " + Math.max(1, wait.toSeconds()) + " s");
            }
        }
        LOG.infof("loading %s (%s)", locator.describe(), candidate.revision());
        try {
            LoadedModel loaded = loader.load(candidate);
            holder.install(loaded);
            broken = null;
            lastFailure = null;
            LOG.infof("now serving %s", loaded.identity());
            return report(ReloadReport.Outcome.LOADED, candidate, null);
        } catch (RuntimeException e) {
            ReloadReport failure = failed(candidate, e);
            // an unreachable service may come back and a folder still being uploaded may complete;
            // corrupt or unloadable files stay broken
            boolean retryable = e instanceof ServiceUnavailableException || e instanceof ArtifactNotFoundException;
            broken = retryable ? null : failure;
            return failure;
        }
    }

    private ReloadReport failed(ModelCandidate candidate, RuntimeException e) {
        metrics.reloadFailed();
        String what = candidate == null ? locator.describe() : candidate.revision();
        LOG.warnf("reload of %s failed, %s: %s", what,
                holder.current().map(m -> "still serving " + m.identity()).orElse("no model serving"), e.getMessage());
        LOG.debug("reload failure detail", e);
        ReloadReport report = report(ReloadReport.Outcome.FAILED, candidate, redaction.apply(messageOf(e), candidate));
        lastFailure = report;
        return report;
    }

    private ReloadReport report(ReloadReport.Outcome outcome, ModelCandidate candidate, String error) {
        ReloadReport report = new ReloadReport(outcome, clock.instant(), candidate == null ? null : candidate.revision(),
                holder.current().map(LoadedModel::identity).orElse(null), error);
        lastReport = report;
        return report;
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    public String reference() {
        return locator.describe();
    }

    public Optional<ReloadReport> lastReport() {
        return Optional.ofNullable(lastReport);
    }

    /** The last failure since a model was last loaded. */
    public Optional<ReloadReport> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}

package io.stereotype.scorer.model;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.score.Detector;
import io.stereotype.core.model.ModelDescription;
import java.time.Clock;

/** Fetches, verifies (checksums) and loads a candidate, and proves it can score before it serves. */
final class ModelLoader {
    private final BundleFetcher fetcher;
    private final Clock clock;

    ModelLoader(BundleFetcher fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    LoadedModel load(ModelCandidate candidate) {
        BundleCopy copy = fetcher.fetch(candidate);
        try {
            ModelBundle bundle = ModelBundle.open(copy.root());
            Detector detector = Detector.load(bundle);
            try {
                warmUp(detector, bundle);
            } catch (RuntimeException e) {
                detector.close();
                throw e;
            }
            return new LoadedModel(detector, ModelIdentity.of(candidate, bundle.manifest().contentHash()),
                    candidate.revision(), copy, clock.instant());
        } catch (RuntimeException e) {
            try {
                copy.discard();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Scores a blank image once: a model that loads but cannot run fails here rather than on user
     * requests, and the first real request does not pay for the runtime's lazy initialisation.
     */
    private static void warmUp(Detector detector, ModelBundle bundle) {
        ModelDescription model = bundle.model();
        int side = model.imageSize() > 0 ? model.imageSize() : model.patchSize();
        detector.score(FloatImage.zeros(side, side, bundle.channels()), "warm-up image", false);
    }
}

package io.stereotype.trainer;

import io.stereotype.core.bundle.BundleException;
import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.mlops.storage.ArtifactStore;
import io.stereotype.mlops.storage.ArtifactStoreException;
import java.net.URI;
import org.jboss.logging.Logger;

/**
 * Copies a bundle to its home under the models root before a model version points at it: assemble writes into the
 * retrain's folder, which operators expire, while a version must stay loadable for rollbacks and scorers. The home
 * is named by the bundle's content hash, so a folder never changes content once published and registering the same
 * bundle again reuses it.
 */
final class RegisteredBundles {
    private static final Logger LOG = Logger.getLogger(RegisteredBundles.class);
    private final Services services;

    RegisteredBundles(Services services) {
        this.services = services;
    }

    /** A bundle opened locally and the URI of its verified copy under the models root. */
    record Published(ModelBundle bundle, URI home) {
    }

    /** The verified copy of {@code bundle} under {@code root}, published now unless an intact one is there. */
    Published publish(URI bundle, String name, ModelsRoot root) {
        root.requireUsableFor(name);
        ModelBundle source = Models.open(bundle, services);
        String hash = source.manifest().contentHash();
        URI home = root.versionFolder(name, hash);
        if (exists(home, root) && intact(home, hash)) {
            LOG.infof("bundle %s is already at %s", hash, home);
            return new Published(source, home);
        }
        try {
            // the store's atomic folder publish: a reader sees the whole bundle or none (on S3, no completion marker)
            services.store(home).uploadFolder(source.root(), home);
        } catch (ArtifactStoreException e) {
            throw new ExitCodes.UsageException("models root " + root + " is not writable: " + e.getMessage(), e);
        }
        verify(home, hash);
        LOG.infof("bundle %s copied from %s to %s", hash, bundle, home);
        return new Published(source, home);
    }

    private boolean exists(URI home, ModelsRoot root) {
        ArtifactStore store = services.store(home);
        try {
            return store.exists(home);
        } catch (ArtifactStoreException e) {
            throw new ExitCodes.UsageException("models root " + root + " is not readable: " + e.getMessage(), e);
        }
    }

    /** An earlier copy that no longer opens or matches (damaged by hand) is replaced, not trusted. */
    private boolean intact(URI home, String hash) {
        try {
            verify(home, hash);
            return true;
        } catch (BundleException | ExitCodes.BadDataException e) {
            LOG.warnf("replacing the damaged copy at %s: %s", home, e.getMessage());
            return false;
        }
    }

    /** Opens the copy as a scorer would (every file against the manifest's checksums) and compares the content hash. */
    private void verify(URI home, String hash) {
        String copied = Models.open(home, services).manifest().contentHash();
        if (!copied.equals(hash)) {
            throw new BundleException("the copy at " + home + " has content hash " + copied + ", not the bundle's " + hash);
        }
    }
}

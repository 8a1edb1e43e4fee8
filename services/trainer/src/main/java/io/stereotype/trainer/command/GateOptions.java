package io.stereotype.trainer.command;

import io.stereotype.trainer.Gate;
import io.stereotype.trainer.ModelsRoot;
import java.net.URI;
import picocli.CommandLine.Option;

/** The options of registering a model, declared once for {@code register} and {@code pipeline}. */
public final class GateOptions {
    @Option(names = "--models-root", converter = UriConverter.class, description = "Where registered versions live, as"
            + " MODELS_ROOT/NAME/BUNDLE_HASH; an s3:// URI, as MLflow accepts no local sources"
            + " (default: models beside the folder that holds the bundle's retrain folder).")
    URI modelsRoot;
    @Option(names = "--min-image-auroc", description = "Register only if image AUROC is at least this.")
    Double minImageAuroc;
    @Option(names = "--min-pixel-auroc", description = "Register only if pixel AUROC is at least this.")
    Double minPixelAuroc;
    @Option(names = "--min-aupro", description = "Register only if AUPRO is at least this.")
    Double minAupro;

    Gate gate() {
        return new Gate(minImageAuroc, minPixelAuroc, minAupro);
    }

    /** {@code --models-root}, or the default for {@code bundle}. */
    ModelsRoot modelsRoot(URI bundle) {
        return ModelsRoot.of(modelsRoot, bundle);
    }
}

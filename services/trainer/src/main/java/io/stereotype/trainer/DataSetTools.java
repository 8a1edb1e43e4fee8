package io.stereotype.trainer;

import io.stereotype.core.data.DatasetValidator;
import io.stereotype.core.data.OneClassImporter;
import io.stereotype.core.data.OneClassOptions;
import io.stereotype.core.data.TextureDatasetGenerator;
import io.stereotype.core.data.ValidationReport;
import io.stereotype.mlops.storage.ArtifactStore;
import io.stereotype.mlops.storage.ArtifactUris;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The data set commands: write an MVTec-layout data set (synthetic defects from texture photos, or
 * a one-class experiment imported from a classification data set) to a local folder or an
 * {@code s3://} prefix, check it with the validator and report its counts.
 */
@ApplicationScoped
public class DataSetTools {
    private static final Logger LOG = Logger.getLogger(DataSetTools.class);
    private final Services services;

    public DataSetTools(Services services) {
        this.services = services;
    }

    public OutputLine synthesize(TextureDatasetGenerator generator, URI out) {
        return write(out, generator::generate);
    }

    public OutputLine importOneClass(OneClassImporter.Format format, Path source, OneClassOptions options, URI out) {
        return write(out, folder -> OneClassImporter.importOneClass(format, source, options, folder));
    }

    /**
     * Local outputs are written in place by the core writers (staged, renamed when complete);
     * remote ones are written to a local staging folder first and uploaded as one published folder.
     */
    private OutputLine write(URI out, Consumer<Path> writer) {
        Outputs.requireWritable(out);
        Path folder;
        if (ArtifactUris.isLocal(out)) {
            folder = ArtifactUris.toPath(out);
            writer.accept(folder);
        } else {
            ArtifactStore store = services.store(out);
            if (store.exists(out)) {
                throw new ExitCodes.UsageException("output " + out + " already holds a data set; refusing to overwrite it");
            }
            folder = new WorkFolder(out, services).staging("dataset").resolve("dataset");
            writer.accept(folder);
            store.uploadFolder(folder, out);
        }
        ValidationReport report = DatasetValidator.validate(folder);
        report.throwIfInvalid();
        LOG.infof("wrote %s: %d train images, test images %s, %d masks", out, report.trainImages(), report.testImages(),
                report.masks());
        return new OutputLine().output("data", out.toString()).output("trainImages", report.trainImages())
                .output("testImages", report.testImages().values().stream().mapToInt(Integer::intValue).sum())
                .output("masks", report.masks());
    }
}

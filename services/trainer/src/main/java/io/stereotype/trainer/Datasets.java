package io.stereotype.trainer;

import io.stereotype.core.TrainingData;
import io.stereotype.core.data.DatasetException;
import io.stereotype.core.data.MvtecDataset;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.net.InputNormalization;
import io.stereotype.core.train.TrainingSet;
import io.stereotype.mlops.storage.ArtifactNotFoundException;
import io.stereotype.mlops.storage.ArtifactUris;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Data sets given by URI: a local copy (downloaded once into the cache), its content hash, its training set. */
final class Datasets {
    private Datasets() {
    }

    /** The data set as a local folder; missing data sets are bad data (exit 3). */
    static Path local(URI data, Services services) {
        if (ArtifactUris.isLocal(data)) {
            Path folder = ArtifactUris.toPath(data);
            if (!Files.isDirectory(folder)) {
                throw new DatasetException("data set " + data + " does not exist or is not a folder");
            }
            return folder;
        }
        Path copy = services.cacheDir().resolve("datasets").resolve(WorkFolder.shortHash(data.toString()));
        try {
            services.store(data).downloadTree(data, copy);
        } catch (ArtifactNotFoundException e) {
            throw new DatasetException("data set " + data + " not found: " + e.getMessage());
        }
        return copy;
    }

    static MvtecDataset open(URI data, Services services) {
        return MvtecDataset.open(local(data, services));
    }

    /**
     * The normal training set prep checked, reopened with the normalisation prep measured. Steps split
     * the images by position, so a data set that gained or lost training images since prep would give
     * each network different data: that is bad data, not something to train on.
     */
    static TrainingSet prepared(Prep prep, Services services) {
        MvtecDataset dataset = open(URI.create(prep.data()), services);
        int now = dataset.trainImages().size();
        if (now != prep.trainImages()) {
            throw new ExitCodes.BadDataException("data set " + prep.data() + " changed since prep: it has " + now
                    + " training images, prep saw " + prep.trainImages() + "; start a new retrain on it", null);
        }
        return trainingSet(dataset, prep.config(), prep.normalization());
    }

    /**
     * The normal training images prepared as the configuration says; unusable images are bad data.
     *
     * @param measured the normalisation prep measured on them (later steps), or null to measure it now (prep)
     */
    static TrainingSet trainingSet(MvtecDataset dataset, TrainingConfig config, InputNormalization measured) {
        return trainingSet(TrainingData.of(dataset), "data set " + dataset.root(), config, measured);
    }

    /**
     * Training data (with its class labels, if any) prepared as the configuration says; unusable
     * images are bad data. Prep reads and checks every image and measures the normalisation; later
     * steps reopen the set with that normalisation and read only what training needs.
     *
     * @param described names the data in messages, e.g. {@code "data set /data/bottles"}
     * @param measured  the normalisation prep measured, or null to measure it now
     */
    static TrainingSet trainingSet(TrainingData data, String described, TrainingConfig config,
                                   InputNormalization measured) {
        ReadProgress progress = new ReadProgress(described);
        try {
            return measured == null ? TrainingSet.prepare(data.images(), data.classes(), config, progress)
                    : TrainingSet.reopen(data.images(), data.classes(), config, measured, progress);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ExitCodes.BadDataException(described + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 over every file's relative path and content: identifies the data a model saw. */
    static String contentHash(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                all.update(root.relativize(file).toString().replace('\\', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8));
                all.update(fileHash(file));
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data set " + root, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] fileHash(Path file) throws IOException, NoSuchAlgorithmException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return ((DigestInputStream) in).getMessageDigest().digest();
        }
    }
}

package io.stereotype.core;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.infer.SavedModels;
import io.stereotype.core.net.NetworkParameters;
import io.stereotype.core.score.Detector;
import io.stereotype.core.train.TrainingConfig;
import io.stereotype.core.train.TrainingListener;
import io.stereotype.core.train.TrainingSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The small API other modules use: train a tree into a bundle, load a bundle for scoring. */
public final class Stereotype {
    private Stereotype() {
    }

    /** Trains doctor, masters and bachelors on normal images and writes the calibrated bundle. */
    public static ModelBundle train(TrainingConfig config, TrainingData data, Path bundle, TrainingListener listener) {
        return train(config, data, null, bundle, listener);
    }

    /**
     * As {@link #train(TrainingConfig, TrainingData, Path, TrainingListener)}, with the doctor
     * starting from the weights of a pre-trained SavedModel of the same architecture (or null).
     */
    public static ModelBundle train(TrainingConfig config, TrainingData data, Path doctorSavedModel, Path bundle,
                                    TrainingListener listener) {
        config.validate();
        TrainingSet set = TrainingSet.prepare(data.images(), data.classes(), config, listener);
        NetworkParameters doctorStart = doctorSavedModel == null ? null : SavedModels.readParameters(doctorSavedModel,
                config.networkSpec(set.channels()));
        return inWorkFolder(work -> TreeTraining.trainAll(config, set, doctorStart, work, bundle, listener));
    }

    /**
     * Masters and bachelors under the ImageNet-pretrained doctor read from {@code weights}
     * (scripts/fetch-data.sh --weights), then the calibrated bundle.
     */
    public static ModelBundle trainWithPretrainedDoctor(TrainingConfig config, TrainingData data, Path weights, Path bundle,
                                                        TrainingListener listener) {
        config.validate();
        TrainingSet set = TrainingSet.prepare(data.images(), null, config, listener);
        return inWorkFolder(work -> TreeTraining.trainAllPretrained(config, set, weights, work, bundle, listener));
    }

    /** Runs {@code training} with a temporary folder for the network folders, deleted afterwards. */
    private static ModelBundle inWorkFolder(java.util.function.Function<Path, ModelBundle> training) {
        Path work;
        try {
            work = Files.createTempDirectory("stereotype-networks");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working folder", e);
        }
        try {
            return training.apply(work);
        } finally {
            try {
                io.stereotype.core.io.Folders.deleteRecursively(work);
            } catch (IOException ignored) {
                // a leftover temporary folder is harmless
            }
        }
    }

    /** Opens and verifies a bundle, then loads every network for scoring. */
    public static Detector load(Path bundle) {
        return Detector.load(ModelBundle.open(bundle));
    }
}

package io.stereotype.core.score;

import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.infer.DescriptorMap;
import io.stereotype.core.infer.DescriptorModel;
import io.stereotype.core.train.DescriptorStatistics;
import io.stereotype.core.train.ImagePreprocessor;
import io.stereotype.core.train.NetworkId;
import io.stereotype.core.train.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every network of a trained tree on an image (dense maps through the DJL TensorFlow engine)
 * and turns their descriptor maps into the bias-term grids.
 */
public final class TreeScorer implements AutoCloseable {
    private final Map<NetworkId, DescriptorModel> models = new LinkedHashMap<>();
    private final BiasScorer biasScorer;
    private final GridGeometry geometry;
    private final ImagePreprocessor preprocessor;
    private final int channels;

    public TreeScorer(TrainingConfig config, int channels, Map<NetworkId, Path> networkFolders) {
        Map<NetworkId, NetworkFolder.Description> descriptions = new LinkedHashMap<>();
        networkFolders.forEach((id, folder) -> descriptions.put(id, NetworkFolder.describe(folder)));
        NetworkFolder.Description doctor = descriptions.get(NetworkId.DOCTOR);
        if (doctor == null) {
            throw new IllegalArgumentException("the tree has no doctor network");
        }
        List<DescriptorStatistics> masterStatistics = new ArrayList<>();
        for (int i = 1; i <= config.masters(); i++) {
            NetworkFolder.Description master = descriptions.get(NetworkId.master(i));
            if (master == null) {
                throw new IllegalArgumentException("the tree has no network master-" + i);
            }
            masterStatistics.add(new DescriptorStatistics(master.descriptorMean(), master.descriptorStd()));
        }
        biasScorer = new BiasScorer(config.masters(), config.bachelors(),
                new DescriptorStatistics(doctor.descriptorMean(), doctor.descriptorStd()), masterStatistics);
        geometry = GridGeometry.of(doctor);
        preprocessor = ImagePreprocessor.of(config, channels);
        this.channels = channels;
        try {
            networkFolders.forEach((id, folder) ->
                    models.put(id, DescriptorModel.load(NetworkFolder.savedModel(folder), id.name())));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Bias-term grids of an already preprocessed image (see {@link GridGeometry} for one-patch images). */
    public BiasTerms terms(FloatImage preprocessed) {
        if (preprocessed.channels() != channels) {
            throw new IllegalArgumentException("image has " + preprocessed.channels() + " channels, the model takes " + channels);
        }
        FloatImage input = geometry.input(preprocessed);
        Map<NetworkId, DescriptorMap> maps = new LinkedHashMap<>();
        models.forEach((id, model) -> maps.put(id, geometry.grid(model.describe(input), preprocessed)));
        return biasScorer.score(maps);
    }

    /** A grid of scores (a term or the total) as a smoothed map over the preprocessed image's pixels. */
    public FloatMap pixelMap(float[] grid, BiasTerms terms, FloatImage preprocessed, double smoothingSigma) {
        return geometry.smoothedPixels(grid, terms.width(), terms.height(), preprocessed, smoothingSigma);
    }

    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    public GridGeometry geometry() {
        return geometry;
    }

    @Override
    public void close() {
        models.values().forEach(DescriptorModel::close);
    }
}

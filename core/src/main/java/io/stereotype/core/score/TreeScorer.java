package io.stereotype.core.score;

import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.infer.DescriptorMap;
import io.stereotype.core.infer.DescriptorModel;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.ImagePreprocessor;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.model.NetworkId;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    /** @param networkFolders a folder for every network of {@code model}'s tree */
    public TreeScorer(ModelDescription model, int channels, Map<NetworkId, Path> networkFolders) {
        Map<NetworkId, DescriptorStatistics> teacherStatistics = new LinkedHashMap<>();
        Map<NetworkId, Path> folders = new LinkedHashMap<>();
        for (NetworkId id : model.tree().networks()) {
            Path folder = networkFolders.get(id);
            if (folder == null) {
                throw new IllegalArgumentException("the tree has no network " + id);
            }
            folders.put(id, folder);
        }
        teacherStatistics.put(NetworkId.DOCTOR, statistics(folders.get(NetworkId.DOCTOR)));
        model.tree().masters().forEach(master -> teacherStatistics.put(master, statistics(folders.get(master))));
        biasScorer = new BiasScorer(model.tree(), teacherStatistics);
        // the score grid is the students' descriptor grid; every network of the tree must produce it
        geometry = GridGeometry.of(NetworkFolder.describe(folders.get(model.tree().masters().getFirst())));
        preprocessor = model.preprocessor(channels);
        this.channels = channels;
        try {
            folders.forEach((id, folder) -> models.put(id, DescriptorModel.load(NetworkFolder.savedModel(folder), id.name())));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static DescriptorStatistics statistics(Path folder) {
        NetworkFolder.Description description = NetworkFolder.describe(folder);
        return new DescriptorStatistics(description.descriptorMean(), description.descriptorStd());
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

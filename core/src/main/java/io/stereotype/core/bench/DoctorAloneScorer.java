package io.stereotype.core.bench;

import io.stereotype.core.bundle.ModelBundle;
import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.infer.DescriptorMap;
import io.stereotype.core.infer.DescriptorModel;
import io.stereotype.core.score.GridGeometry;
import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.ImagePreprocessor;
import io.stereotype.core.model.NetworkId;
import java.nio.file.Path;

/**
 * The "doctor alone" baseline of the ablation: an anomaly map from a bundle's doctor network only.
 * At each grid position, the doctor's descriptor is standardised with the doctor's own normal
 * statistics and its squared norm averaged over dimensions (a diagonal-Gaussian distance to
 * normal). The grid becomes a pixel map as the tree's maps do: same preprocessing, padding,
 * one-patch handling and smoothing, at the scored image's size.
 */
public final class DoctorAloneScorer implements AutoCloseable {
    private final DescriptorModel doctor;
    private final DescriptorStatistics statistics;
    private final GridGeometry geometry;
    private final ImagePreprocessor preprocessor;
    private final double smoothingSigma;

    public DoctorAloneScorer(ModelBundle bundle) {
        Path folder = bundle.networks().get(NetworkId.DOCTOR);
        if (folder == null) {
            throw new IllegalArgumentException("bundle " + bundle.root() + " has no doctor network");
        }
        NetworkFolder.Description description = NetworkFolder.describe(folder);
        statistics = new DescriptorStatistics(description.descriptorMean(), description.descriptorStd());
        geometry = GridGeometry.of(description);
        preprocessor = bundle.model().preprocessor(bundle.channels());
        smoothingSigma = bundle.model().scoring().smoothingSigma();
        doctor = DescriptorModel.load(NetworkFolder.savedModel(folder), NetworkId.DOCTOR.name());
    }

    /** The smoothed doctor-alone anomaly map of an image, at the image's size. @param source names the image in errors */
    public FloatMap map(FloatImage image, String source) {
        FloatImage input = preprocessor.apply(image, source);
        DescriptorMap descriptors = geometry.grid(doctor.describe(geometry.input(input)), input);
        return geometry.smoothedPixels(distances(descriptors, statistics), descriptors.width(), descriptors.height(),
                        input, smoothingSigma)
                .resizeBilinear(image.width(), image.height());
    }

    /** Per grid position: the mean over dimensions of the squared standardised descriptor. */
    static float[] distances(DescriptorMap descriptors, DescriptorStatistics statistics) {
        if (descriptors.dim() != statistics.dimension()) {
            throw new IllegalArgumentException("descriptors have " + descriptors.dim() + " dimensions, the statistics "
                    + statistics.dimension());
        }
        float[] standard = statistics.standardise(descriptors.values());
        int dim = descriptors.dim();
        float[] out = new float[descriptors.width() * descriptors.height()];
        for (int p = 0; p < out.length; p++) {
            double sum = 0;
            for (int k = p * dim; k < (p + 1) * dim; k++) {
                sum += (double) standard[k] * standard[k];
            }
            out[p] = (float) (sum / dim);
        }
        return out;
    }

    @Override
    public void close() {
        doctor.close();
    }
}

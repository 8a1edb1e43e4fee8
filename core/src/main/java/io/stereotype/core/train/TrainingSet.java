package io.stereotype.core.train;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.net.InputNormalization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Preprocessed normal images split into a training part and a held-out validation part (for
 * calibrating the score), plus the per-channel input normalisation measured on the training part.
 *
 * @param classes class label per training image for the doctor, or null (rotation pretext)
 */
public record TrainingSet(List<FloatImage> train, int[] classes, List<FloatImage> validation,
                          InputNormalization normalization) {

    /**
     * @param images normal images in any size and channel count
     * @param classes optional class label per image (same order), or null
     * @param names   a name per image for error messages
     */
    public static TrainingSet prepare(List<FloatImage> images, int[] classes, List<String> names, TrainingConfig config) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("the training set is empty: at least 2 normal images are needed");
        }
        if (images.size() < 2) {
            throw new IllegalArgumentException("the training set has 1 image: at least 2 normal images are needed"
                    + " (one is held out for calibration)");
        }
        int channels = images.stream().anyMatch(i -> i.channels() == 3) ? 3 : 1;
        ImagePreprocessor preprocessor = ImagePreprocessor.of(config, channels);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(config.seed()));
        int validationCount = Math.max(1, (int) Math.round(images.size() * config.validationFraction()));
        List<FloatImage> train = new ArrayList<>();
        List<FloatImage> validation = new ArrayList<>();
        int[] trainClasses = classes == null ? null : new int[images.size() - validationCount];
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            FloatImage image = preprocessor.apply(images.get(i), names.get(i));
            if (k < validationCount) {
                validation.add(image);
            } else {
                if (trainClasses != null) {
                    trainClasses[train.size()] = classes[i];
                }
                train.add(image);
            }
        }
        return new TrainingSet(List.copyOf(train), trainClasses, List.copyOf(validation), normalizationOf(train, channels));
    }

    public int channels() {
        return normalization.channels();
    }

    /** Optimisation steps in one epoch: every image once, or patchesPerImage times when it holds many patches. */
    public int stepsPerEpoch(TrainingConfig config) {
        FloatImage first = train.getFirst();
        boolean onePatchPerImage = first.width() == config.patchSize() && first.height() == config.patchSize();
        long patches = (long) train.size() * (onePatchPerImage ? 1 : config.patchesPerImage());
        return (int) Math.max(1, (patches + config.batchSize() - 1) / config.batchSize());
    }

    private static InputNormalization normalizationOf(List<FloatImage> images, int channels) {
        double[] sum = new double[channels];
        double[] sumSquares = new double[channels];
        long count = 0;
        for (FloatImage image : images) {
            float[] data = image.data();
            for (int i = 0; i < data.length; i++) {
                sum[i % channels] += data[i];
                sumSquares[i % channels] += (double) data[i] * data[i];
            }
            count += data.length / channels;
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / count;
            mean[c] = (float) m;
            // a flat image set still needs a usable scale
            std[c] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, sumSquares[c] / count - m * m)));
        }
        return new InputNormalization(mean, std);
    }
}

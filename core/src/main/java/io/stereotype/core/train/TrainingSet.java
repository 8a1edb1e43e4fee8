package io.stereotype.core.train;

import io.stereotype.core.model.DescriptorStatistics;
import io.stereotype.core.model.ImagePreprocessor;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.net.InputNormalization;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Normal images split into a training part and a held-out validation part (for calibrating the
 * score), plus the per-channel input normalisation measured on the training part.
 *
 * <p>Images stay where they are (files, memory) and are read when needed: preprocessed training
 * images are kept in memory only up to a byte budget, the rest stream through each
 * {@link PatchSampler}'s pool, so a training set of any size trains in bounded memory. A set that
 * fits in the budget is read once and trained exactly as if it were all in memory.
 */
public final class TrainingSet {
    /** Default memory budget for preprocessed training images: this share of the maximum heap. */
    static final double HEAP_SHARE = 0.3;

    private final List<TrainingImage> train;
    private final int[] classes;
    private final List<TrainingImage> validation;
    private final ImagePreprocessor preprocessor;
    private final InputNormalization normalization;
    private final List<FloatImage> resident;

    private TrainingSet(List<TrainingImage> train, int[] classes, List<TrainingImage> validation,
                        ImagePreprocessor preprocessor, InputNormalization normalization, List<FloatImage> resident) {
        this.train = train;
        this.classes = classes;
        this.validation = validation;
        this.preprocessor = preprocessor;
        this.normalization = normalization;
        this.resident = resident;
    }

    /** As {@link #prepare(List, int[], TrainingConfig, long, TrainingListener)}, quietly, with the default budget. */
    public static TrainingSet prepare(List<TrainingImage> images, int[] classes, TrainingConfig config) {
        return prepare(images, classes, config, TrainingListener.NONE);
    }

    /** As {@link #prepare(List, int[], TrainingConfig, long, TrainingListener)} with 30% of the maximum heap as budget. */
    public static TrainingSet prepare(List<TrainingImage> images, int[] classes, TrainingConfig config,
                                      TrainingListener listener) {
        return prepare(images, classes, config, (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE), listener);
    }

    /**
     * Reads every image once (twice for a mixed grey and colour set) without keeping more than the
     * budget allows: measures the input normalisation and rejects images that cannot be used before
     * any training starts.
     *
     * @param images      normal images in any size and channel count
     * @param classes     optional class label per image (same order), or null
     * @param memoryBytes budget for preprocessed images in memory: half holds images shared by all
     *                    networks, half the pool of the sampler currently training
     * @param listener    told of every image read, for progress on large sets
     */
    public static TrainingSet prepare(List<TrainingImage> images, int[] classes, TrainingConfig config,
                                      long memoryBytes, TrainingListener listener) {
        Split split = Split.of(images, classes, config);
        // read as grey until a colour image turns up; then again as colour (grey images are expanded)
        Read read = Read.measuring(split, config.preprocessor(1), memoryBytes, listener);
        if (read == null) {
            read = Read.measuring(split, config.preprocessor(3), memoryBytes, listener);
        }
        return new TrainingSet(split, read.preprocessor(), normalization(read.sums()), read.resident());
    }

    /**
     * The set an earlier {@link #prepare} made of the same images and config, with the normalisation
     * it measured (a later step of a pipeline, in another process): the same split, and only the
     * images kept in memory are read, so a large set is not read again by every step.
     */
    public static TrainingSet reopen(List<TrainingImage> images, int[] classes, TrainingConfig config,
                                     InputNormalization normalization, TrainingListener listener) {
        Split split = Split.of(images, classes, config);
        ImagePreprocessor preprocessor = config.preprocessor(normalization.channels());
        Read read = Read.resident(split, preprocessor, (long) (Runtime.getRuntime().maxMemory() * HEAP_SHARE), listener);
        return new TrainingSet(split, preprocessor, normalization, read.resident());
    }

    private TrainingSet(Split split, ImagePreprocessor preprocessor, InputNormalization normalization,
                        List<FloatImage> resident) {
        this(split.train(), split.classes(), split.validation(), preprocessor, normalization, resident);
    }

    /** The images in training order (a seeded shuffle) and the held-out ones. */
    private record Split(List<TrainingImage> train, int[] classes, List<TrainingImage> validation) {
        static Split of(List<TrainingImage> images, int[] classes, TrainingConfig config) {
            if (images.isEmpty()) {
                throw new IllegalArgumentException("the training set is empty: at least 2 normal images are needed");
            }
            if (images.size() < 2) {
                throw new IllegalArgumentException("the training set has 1 image: at least 2 normal images are needed"
                        + " (one is held out for calibration)");
            }
            if (classes != null && classes.length != images.size()) {
                throw new IllegalArgumentException(classes.length + " class labels for " + images.size() + " images");
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(config.seed()));
            int validationCount = Math.max(1, (int) Math.round(images.size() * config.validationFraction()));
            List<TrainingImage> validation = new ArrayList<>();
            List<TrainingImage> train = new ArrayList<>();
            int[] trainClasses = classes == null ? null : new int[images.size() - validationCount];
            for (int k = 0; k < order.size(); k++) {
                TrainingImage image = images.get(order.get(k));
                if (k < validationCount) {
                    validation.add(image);
                } else {
                    if (trainClasses != null) {
                        trainClasses[train.size()] = classes[order.get(k)];
                    }
                    train.add(image);
                }
            }
            return new Split(List.copyOf(train), trainClasses, List.copyOf(validation));
        }
    }

    /** What reading a split gave: the images kept in memory, and the normalisation sums when measuring. */
    private record Read(ImagePreprocessor preprocessor, DescriptorStatistics.Accumulator sums, List<FloatImage> resident) {

        /**
         * Every image, training and validation (so that an unusable one fails now, not after hours of
         * training); null as soon as an image has more channels than the preprocessor gives.
         */
        static Read measuring(Split split, ImagePreprocessor preprocessor, long memoryBytes, TrainingListener listener) {
            DescriptorStatistics.Accumulator sums = new DescriptorStatistics.Accumulator(preprocessor.channels());
            List<FloatImage> resident = new ArrayList<>();
            long residentBytes = 0;
            int total = split.train().size() + split.validation().size();
            for (int i = 0; i < total; i++) {
                boolean training = i < split.train().size();
                TrainingImage image = training ? split.train().get(i) : split.validation().get(i - split.train().size());
                FloatImage raw = image.read();
                if (raw.channels() > preprocessor.channels()) {
                    return null;
                }
                FloatImage preprocessed = preprocessor.apply(raw, image.name());
                listener.onImageRead(i + 1, total);
                if (training) {
                    sums.add(preprocessed.data(), preprocessed.width() * preprocessed.height());
                    long bytes = 4L * preprocessed.data().length;
                    if (keeps(resident, i, residentBytes, bytes, memoryBytes)) {
                        resident.add(preprocessed);
                        residentBytes += bytes;
                    }
                }
            }
            return new Read(preprocessor, sums, List.copyOf(resident));
        }

        /** Only the training images kept in memory: the normalisation is known. */
        static Read resident(Split split, ImagePreprocessor preprocessor, long memoryBytes, TrainingListener listener) {
            List<FloatImage> resident = new ArrayList<>();
            long residentBytes = 0;
            for (int i = 0; i < split.train().size(); i++) {
                TrainingImage image = split.train().get(i);
                FloatImage preprocessed = preprocessor.apply(image.read(), image.name());
                long bytes = 4L * preprocessed.data().length;
                if (!keeps(resident, i, residentBytes, bytes, memoryBytes)) {
                    break; // the rest is read when training draws it
                }
                resident.add(preprocessed);
                residentBytes += bytes;
                listener.onImageRead(i + 1, split.train().size());
            }
            return new Read(preprocessor, null, List.copyOf(resident));
        }

        /** The resident images are a prefix of the shuffled training order, so a random subset; at least one. */
        private static boolean keeps(List<FloatImage> resident, int index, long residentBytes, long bytes, long memoryBytes) {
            return resident.size() == index && (index == 0 || residentBytes + bytes <= memoryBytes / 2);
        }
    }

    public int channels() {
        return normalization.channels();
    }

    public InputNormalization normalization() {
        return normalization;
    }

    /**
     * Whether every image kept in memory is exactly one {@code patchSize} square (MNIST-like sets): such
     * an image is scored as one descriptor, neither padded nor shifted ({@code GridGeometry}).
     */
    public boolean onePatchImages(int patchSize) {
        return resident().stream().allMatch(image -> image.width() == patchSize && image.height() == patchSize);
    }

    /** Class label per training image, in training order, or null (rotation pretext). */
    public int[] classes() {
        return classes;
    }

    /** Number of training images (the validation images not counted). */
    public int size() {
        return train.size();
    }

    /** Number of preprocessed training images kept in memory for the whole training. */
    public int residentCount() {
        return resident.size();
    }

    /** The held-out validation images, preprocessed; each access reads the image again. */
    public List<FloatImage> validation() {
        return new AbstractList<>() {
            @Override
            public FloatImage get(int index) {
                TrainingImage image = validation.get(index);
                return preprocessor.apply(image.read(), image.name());
            }

            @Override
            public int size() {
                return validation.size();
            }
        };
    }

    /** Optimisation steps in one epoch: every image once, or patchesPerImage times when it holds many patches. */
    public int stepsPerEpoch(TrainingConfig config) {
        FloatImage first = resident.getFirst();
        boolean onePatchPerImage = first.width() == config.patchSize() && first.height() == config.patchSize();
        long patches = (long) train.size() * (onePatchPerImage ? 1 : config.patchesPerImage());
        return (int) Math.max(1, (patches + config.batchSize() - 1) / config.batchSize());
    }

    /**
     * A patch sampler over this set. When not every image is resident, its pool replaces enough
     * images after each batch that every training image passes through it once per epoch.
     */
    public PatchSampler sampler(TrainingConfig config, long seed) {
        int refreshPerBatch = (int) Math.ceil((double) train.size() / stepsPerEpoch(config));
        return new PatchSampler(new ImagePool(this, refreshPerBatch, seed), config.patchSize(), seed);
    }

    List<FloatImage> resident() {
        return resident;
    }

    /** Reads and preprocesses training image {@code index}. */
    FloatImage load(int index) {
        TrainingImage image = train.get(index);
        return preprocessor.apply(image.read(), image.name());
    }

    /** Per-channel mean and deviation of the pixels summed in {@code sums}; a flat image set still needs a usable scale. */
    private static InputNormalization normalization(DescriptorStatistics.Accumulator sums) {
        DescriptorStatistics pixels = sums.statistics();
        float[] std = pixels.std().clone();
        for (int c = 0; c < std.length; c++) {
            std[c] = Math.max(1e-3f, std[c]);
        }
        return new InputNormalization(pixels.mean(), std);
    }
}

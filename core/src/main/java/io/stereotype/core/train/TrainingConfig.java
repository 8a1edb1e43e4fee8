package io.stereotype.core.train;

import io.stereotype.core.model.DoctorKind;
import io.stereotype.core.model.ImagePreprocessor;
import io.stereotype.core.model.ModelDescription;
import io.stereotype.core.model.TreeShape;
import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;

/**
 * The training recipe: the model to train ({@link #model} picks its fields: tree, network, image
 * handling, scoring) and how to train it (epochs, batches, learning rate, losses, seeds). One flat
 * record, because every field is one flag, one configuration key and one MLflow parameter; only
 * {@link #model} goes into the bundle. Defaults are the ones measured in docs/results.md;
 * {@link #validate()} rejects values that cannot work.
 *
 * @param network          patch network family
 * @param patchSize        patch side (32 or 64); images smaller than it are resized to it
 * @param imageSize        side images are resized to before training and scoring (0 keeps their size)
 * @param resizeSmall      resize images smaller than the patch up to it (one descriptor per image); off = reject them
 * @param masters          number of masters M
 * @param bachelors        bachelors per master B
 * @param doctorEpochs     epochs of doctor training
 * @param studentEpochs    epochs of each master and bachelor
 * @param patchesPerImage  random patches drawn per training image and epoch (1 when an image is one patch)
 * @param batchSize        patches per optimisation step
 * @param learningRate     Adam learning rate
 * @param mu               weight of the regression loss in the mixed loss mu L_d + (1 - mu) L_p
 * @param compactness      reading of the compactness term
 * @param doctorCompactness weight of L_p added to the doctor's cross-entropy (0 = Eq. 3 alone)
 * @param mapStride        output stride of dense descriptor maps (1 = every pixel)
 * @param smoothingSigma   Gaussian sigma (pixels) applied to anomaly maps before the image score (0 = none)
 * @param standardizeTerms standardise each bias term on normal validation data before summing (false = Eq. 10 raw sum)
 * @param validationFraction share of normal training images held out for calibration
 * @param statisticsPatches patches used to estimate each teacher's descriptor mean and deviation
 * @param seed             base seed; each network derives its own
 * @param sampling         how students see the images: random patches, or dense crops (docs/algorithm.md);
 *                         absent from configs written before it existed, which trained with patches
 * @param cropSize         side of the crops of dense student training (0 or more than the image: the whole image)
 * @param cropsPerStep     crops per dense training step (more when they hold fewer than batchSize positions)
 * @param failOnStalled    fail a training step whose network did not learn (see {@link TrainingHealth})
 */
public record TrainingConfig(
        NetworkVariant network,
        int patchSize,
        int imageSize,
        boolean resizeSmall,
        int masters,
        int bachelors,
        int doctorEpochs,
        int studentEpochs,
        int patchesPerImage,
        int batchSize,
        float learningRate,
        float mu,
        CompactnessMode compactness,
        float doctorCompactness,
        int mapStride,
        double smoothingSigma,
        boolean standardizeTerms,
        double validationFraction,
        int statisticsPatches,
        long seed,
        Sampling sampling,
        int cropSize,
        int cropsPerStep,
        boolean failOnStalled) {

    public TrainingConfig {
        if (sampling == null) {
            // a recipe written before dense training existed (prep.json of an older trainer) sampled patches
            sampling = Sampling.PATCHES;
        }
        if (cropsPerStep == 0) {
            cropsPerStep = DEFAULT_CROPS_PER_STEP;
        }
    }

    private static final int DEFAULT_CROPS_PER_STEP = 2;

    /**
     * The default recipe. Patch 32, not Table 1's 64: on 256-pixel images a 64-pixel patch averages a thin
     * defect away (1-pixel scratches on grass: pixel AUROC 0.78 at patch 64, 0.99 at 32; docs/results.md,
     * "The default patch: 32").
     */
    public static TrainingConfig defaults() {
        return new TrainingConfig(NetworkVariant.PAPER, 32, 256, true, 3, 2, 20, 20, 32, 64, 1e-3f, 0.9f,
                CompactnessMode.DESCRIPTOR_PAIRS, 0f, 4, 4.0, true, 0.1, 2048, 42L,
                Sampling.DENSE, 128, DEFAULT_CROPS_PER_STEP, false);
    }

    /** The description of the model this recipe trains, with a doctor of {@code doctor}'s kind. */
    public ModelDescription model(DoctorKind doctor) {
        return new ModelDescription(tree(), doctor, network, patchSize, imageSize, resizeSmall, mapStride,
                new ModelDescription.Scoring(smoothingSigma, standardizeTerms), null);
    }

    public TreeShape tree() {
        return new TreeShape(masters, bachelors);
    }

    /** The preprocessing of training images, the same the model's scorer applies. */
    public ImagePreprocessor preprocessor(int channels) {
        return new ImagePreprocessor(channels, imageSize, patchSize, resizeSmall);
    }

    /** The architecture of every network this config trains (doctor, masters, bachelors) on images of {@code channels}. */
    public NetworkSpec networkSpec(int channels) {
        return NetworkSpec.of(network, patchSize, channels);
    }

    /** The optimisation schedule of the doctor ({@code doctor}) or of a student, over {@code stepsPerEpoch} steps. */
    public Schedule schedule(boolean doctor, int stepsPerEpoch) {
        return new Schedule(doctor ? doctorEpochs : studentEpochs, stepsPerEpoch, batchSize, learningRate);
    }

    /** Throws IllegalArgumentException naming the first field whose value cannot work. */
    public TrainingConfig validate() {
        require(network != null, "network", network);
        require(patchSize == 32 || patchSize == 64, "patchSize (32 or 64)", patchSize);
        require(imageSize == 0 || imageSize >= patchSize, "imageSize (0 or at least patchSize)", imageSize);
        require(masters >= 1, "masters (at least 1)", masters);
        require(bachelors >= 1, "bachelors (at least 1)", bachelors);
        require(doctorEpochs >= 1, "doctorEpochs (at least 1)", doctorEpochs);
        require(studentEpochs >= 1, "studentEpochs (at least 1)", studentEpochs);
        require(patchesPerImage >= 1, "patchesPerImage (at least 1)", patchesPerImage);
        require(batchSize >= 4, "batchSize (at least 4)", batchSize);
        require(learningRate > 0 && Float.isFinite(learningRate), "learningRate (positive)", learningRate);
        require(mu >= 0 && mu <= 1, "mu (between 0 and 1)", mu);
        require(compactness != null, "compactness", compactness);
        require(doctorCompactness >= 0, "doctorCompactness (0 or more)", doctorCompactness);
        require(mapStride >= 1 && Integer.bitCount(mapStride) == 1, "mapStride (a power of two)", mapStride);
        require(smoothingSigma >= 0, "smoothingSigma (0 or more)", smoothingSigma);
        require(validationFraction > 0 && validationFraction < 1, "validationFraction (between 0 and 1)", validationFraction);
        require(statisticsPatches >= 16, "statisticsPatches (at least 16)", statisticsPatches);
        require(cropSize == 0 || cropSize >= patchSize, "cropSize (0 or at least patchSize)", cropSize);
        require(cropsPerStep >= 1, "cropsPerStep (at least 1)", cropsPerStep);
        return this;
    }

    private static void require(boolean ok, String field, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("invalid training config: " + field + " = " + value);
        }
    }

    /** A copy with other values; the fields are few enough that callers name what they change. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable builder over a config, for tests, command-line flags and benchmarks. */
    public static final class Builder {
        private NetworkVariant network;
        private int patchSize, imageSize, masters, bachelors, doctorEpochs, studentEpochs, patchesPerImage, batchSize;
        private float learningRate, mu, doctorCompactness;
        private CompactnessMode compactness;
        private int mapStride, statisticsPatches;
        private double smoothingSigma, validationFraction;
        private boolean standardizeTerms, resizeSmall;
        private long seed;
        private Sampling sampling;
        private int cropSize, cropsPerStep;
        private boolean failOnStalled;

        private Builder(TrainingConfig c) {
            network = c.network; patchSize = c.patchSize; imageSize = c.imageSize; resizeSmall = c.resizeSmall; masters = c.masters;
            bachelors = c.bachelors; doctorEpochs = c.doctorEpochs; studentEpochs = c.studentEpochs;
            patchesPerImage = c.patchesPerImage; batchSize = c.batchSize; learningRate = c.learningRate; mu = c.mu;
            compactness = c.compactness; doctorCompactness = c.doctorCompactness; mapStride = c.mapStride;
            smoothingSigma = c.smoothingSigma; standardizeTerms = c.standardizeTerms;
            validationFraction = c.validationFraction; statisticsPatches = c.statisticsPatches; seed = c.seed;
            sampling = c.sampling; cropSize = c.cropSize; cropsPerStep = c.cropsPerStep; failOnStalled = c.failOnStalled;
        }

        public Builder network(NetworkVariant v) { network = v; return this; }
        public Builder patchSize(int v) { patchSize = v; return this; }
        public Builder imageSize(int v) { imageSize = v; return this; }
        public Builder resizeSmall(boolean v) { resizeSmall = v; return this; }
        public Builder masters(int v) { masters = v; return this; }
        public Builder bachelors(int v) { bachelors = v; return this; }
        public Builder doctorEpochs(int v) { doctorEpochs = v; return this; }
        public Builder studentEpochs(int v) { studentEpochs = v; return this; }
        public Builder epochs(int v) { doctorEpochs = v; studentEpochs = v; return this; }
        public Builder patchesPerImage(int v) { patchesPerImage = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder learningRate(float v) { learningRate = v; return this; }
        public Builder mu(float v) { mu = v; return this; }
        public Builder compactness(CompactnessMode v) { compactness = v; return this; }
        public Builder doctorCompactness(float v) { doctorCompactness = v; return this; }
        public Builder mapStride(int v) { mapStride = v; return this; }
        public Builder smoothingSigma(double v) { smoothingSigma = v; return this; }
        public Builder standardizeTerms(boolean v) { standardizeTerms = v; return this; }
        public Builder validationFraction(double v) { validationFraction = v; return this; }
        public Builder statisticsPatches(int v) { statisticsPatches = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder sampling(Sampling v) { sampling = v; return this; }
        public Builder cropSize(int v) { cropSize = v; return this; }
        public Builder cropsPerStep(int v) { cropsPerStep = v; return this; }
        public Builder failOnStalled(boolean v) { failOnStalled = v; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(network, patchSize, imageSize, resizeSmall, masters, bachelors, doctorEpochs, studentEpochs,
                    patchesPerImage, batchSize, learningRate, mu, compactness, doctorCompactness, mapStride,
                    smoothingSigma, standardizeTerms, validationFraction, statisticsPatches, seed, sampling, cropSize,
                    cropsPerStep, failOnStalled).validate();
        }
    }
}

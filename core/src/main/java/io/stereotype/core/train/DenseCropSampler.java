package io.stereotype.core.train;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.score.GridGeometry;
import java.util.Random;

/**
 * Draws the batches of dense student training: random C x C crops of the pool's images, and a
 * uniformly drawn subset of the step's grid positions for the compactness term.
 *
 * <p>Crops per step: {@code cropsPerStep}, or more when that many crops hold fewer than
 * {@code batchSize} positions (images of one patch, as MNIST: then a step is exactly a patch
 * batch). Positions for L_p: {@code batchSize} of them, drawn without replacement from all the
 * step's positions, so the term averages over as many pairs as a patch batch does whatever the
 * crop size (docs/algorithm.md says why that is the same estimator).
 *
 * <p>Crops are windows of each image reflect-padded exactly as the scorer pads it ({@link GridGeometry}, read
 * without building the padded image: a crop costs its own size, not the image's),
 * so the students also learn the patches that straddle the image's border, which every scored map has.
 */
public final class DenseCropSampler {
    private final ImagePool pool;
    private final GridGeometry scoring;
    private final int crop;
    private final int cropsPerStep;
    private final int pairPositions;
    private final int positionsPerCrop;
    private final int steps;
    private final int channels;
    private final Random random;
    private final TeacherMaps targets;
    private final int stride;

    private DenseCropSampler(ImagePool pool, GridGeometry scoring, int crop, int cropsPerStep, int pairPositions,
                             int positionsPerCrop, int steps, long seed, TeacherMaps targets, int stride) {
        this.pool = pool;
        this.scoring = scoring;
        this.steps = steps;
        this.crop = crop;
        this.cropsPerStep = cropsPerStep;
        this.pairPositions = pairPositions;
        this.positionsPerCrop = positionsPerCrop;
        this.channels = pool.image(0).channels();
        this.random = new Random(seed);
        this.targets = targets;
        this.stride = stride;
    }

    /** A sampler over a training set; every image passes through its pool about once per epoch. */
    public static DenseCropSampler of(TrainingSet set, TrainingConfig config, DenseGrid grid, long seed) {
        return of(set, config, grid, seed, null);
    }

    /**
     * A sampler for the students of {@code teacher}: when the teacher {@linkplain DenseTeacher#wholeImageMaps
     * sees context}, each batch also carries the targets of its crops from the teacher's maps of the
     * whole images ({@link TeacherMaps}), and crops start on the grid, so that those maps cover them.
     */
    public static DenseCropSampler of(TrainingSet set, TrainingConfig config, DenseGrid grid, long seed, DenseTeacher teacher) {
        int crop = cropSide(set, config);
        int perCrop = grid.positions(crop) * grid.positions(crop);
        int crops = Math.max(config.cropsPerStep(), (config.batchSize() + perCrop - 1) / perCrop);
        int steps = stepsPerEpoch(set.size(), crops);
        int refreshPerBatch = (int) Math.ceil((double) set.size() / steps);
        GridGeometry scoring = scoring(set, config);
        TeacherMaps targets = teacher == null ? null : teacher.wholeImageMaps(set, scoring).orElse(null);
        return new DenseCropSampler(new ImagePool(set, refreshPerBatch, seed), scoring, crop, crops,
                Math.min(config.batchSize(), crops * perCrop), perCrop, steps, seed, targets, grid.stride());
    }

    /** How the scorer pads the set's images for a model of {@code config}. */
    public static GridGeometry scoring(TrainingSet set, TrainingConfig config) {
        return new GridGeometry(config.patchSize(), config.networkSpec(set.channels()).receptiveField(), config.mapStride());
    }

    /** C: the configured crop side, or the images' side when they are smaller or cropSize is 0. */
    static int cropSide(TrainingSet set, TrainingConfig config) {
        int smallest = Integer.MAX_VALUE;
        for (FloatImage image : set.resident()) {
            smallest = Math.min(smallest, Math.min(image.width(), image.height()));
        }
        return config.cropSize() == 0 ? smallest : Math.min(config.cropSize(), smallest);
    }

    /** Every training image gives one crop per epoch. */
    static int stepsPerEpoch(int images, int cropsPerStep) {
        return Math.max(1, (images + cropsPerStep - 1) / cropsPerStep);
    }

    public int stepsPerEpoch() {
        return steps;
    }

    public int crop() {
        return crop;
    }

    /** Whether each batch carries its targets (from the teacher's maps of whole images) rather than leaving them to the graph. */
    public boolean feedsTargets() {
        return targets != null;
    }

    public int cropsPerStep() {
        return cropsPerStep;
    }

    /** Grid positions of one step. */
    public int positionsPerStep() {
        return cropsPerStep * positionsPerCrop;
    }

    /** One step: {@link #cropsPerStep()} flat NHWC crops, and the positions that enter L_p. */
    public GraphTrainer.Batch next() {
        int values = crop * crop * channels;
        float[] batch = new float[cropsPerStep * values];
        float[] stepTargets = targets == null ? null : new float[cropsPerStep * targets.valuesPerCrop(crop)];
        for (int i = 0; i < cropsPerStep; i++) {
            int slot = random.nextInt(pool.size());
            FloatImage image = fitted(pool.image(slot));
            int padding = scoring.padding(image);
            int x = origin(image.width() + padding);
            int y = origin(image.height() + padding);
            System.arraycopy(scoring.inputWindow(image, x, y, crop).data(), 0, batch, i * values, values);
            if (targets != null) {
                // every image is resident when the maps exist, so the slot is the image's index
                targets.copyCrop(slot, x, y, crop, stepTargets, i * targets.valuesPerCrop(crop));
            }
        }
        pool.afterBatch();
        return new GraphTrainer.Batch(batch, drawPositions(positionsPerStep(), pairPositions, random), cropsPerStep,
                positionsPerStep(), stepTargets);
    }

    /** A crop's first row or column in a padded input of {@code length}: any, or on the grid when the maps give the targets. */
    private int origin(int length) {
        return targets == null ? random.nextInt(length - crop + 1) : stride * random.nextInt((length - crop) / stride + 1);
    }

    /** A streamed image smaller than the crop (sets of mixed sizes) is stretched to it. */
    private FloatImage fitted(FloatImage image) {
        if (image.width() >= crop && image.height() >= crop) {
            return image;
        }
        return image.resize(Math.max(crop, image.width()), Math.max(crop, image.height()));
    }

    /** {@code count} distinct indices out of {@code total}, uniformly (a partial Fisher-Yates shuffle). */
    static int[] drawPositions(int total, int count, Random random) {
        int[] all = new int[total];
        for (int i = 0; i < total; i++) {
            all[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(total - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, count);
    }
}

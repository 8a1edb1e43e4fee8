package io.stereotype.core.pretrained;

import io.stereotype.core.net.NetworkSpec;
import io.stereotype.core.net.NetworkVariant;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The pretrained doctor's dense descriptors: EfficientNet-Lite0 block outputs ("taps") average-pooled
 * over a patch's footprint and bilinearly resampled to exactly the grid of a Table 1 student with
 * the same patch size and output stride. For an input of H x W pixels (the student's input: the
 * image already padded by {@code GridGeometry}) the student has {@code (H - RF) / s + 1} rows, row i
 * seeing input rows {@code [i s, i s + RF)}, centred on {@code i s + (RF - 1) / 2}; this map has the
 * same rows with the same centres, and likewise for columns.
 *
 * <p>The default taps are blocks 4 (stride 8, 40 channels) and 10 (stride 16, 112 channels), the
 * mid-level features anomaly detectors built on ImageNet backbones use (PaDiM, PatchCore take the
 * stride 8 and 16 stages of a ResNet): a 32 or 64 pixel patch spans 4 to 8 cells of the first and
 * 2 to 4 of the second, so both describe the patch rather than a single pixel or the whole image;
 * the later stride 32 blocks would be coarser than the patch, the earlier ones mostly edges.
 *
 * <p>The map is averaged over the phases of the students' training grid (their pooling stride: 4 at
 * patch 32, 8 at patch 64) against the coarsest tap's stride 16: the backbone runs on 16 or 4 copies
 * of the input shifted by one training-grid step, so that moving the image by one step moves the map
 * by one cell instead of changing what the cells say (a strided CNN aliases below its stride), and
 * a fully convolutional student can learn it. docs/algorithm.md has the numbers.
 */
public final class BackboneDescriptors {
    public static final List<Integer> DEFAULT_TAPS = List.of(4, 10);
    private final EfficientNetLite0 net;
    private final List<Integer> taps;
    private final EfficientNetLite0.WeightFactory weights;

    /** @param taps block indices (ascending) whose outputs make up the descriptor */
    public BackboneDescriptors(EfficientNetLite0 net, List<Integer> taps, EfficientNetLite0.WeightFactory weights) {
        if (taps.isEmpty()) {
            throw new IllegalArgumentException("at least one backbone block must be tapped");
        }
        for (int i = 0; i < taps.size(); i++) {
            int block = taps.get(i);
            if (block < 0 || block >= net.blockCount() || (i > 0 && block <= taps.get(i - 1))) {
                throw new IllegalArgumentException("taps must be ascending block indices in 0.." + (net.blockCount() - 1) + ", got " + taps);
            }
        }
        this.net = net;
        this.taps = List.copyOf(taps);
        this.weights = weights;
    }

    /** The descriptor length: the tapped blocks' channels (152 for the default taps). */
    public int descriptorDim() {
        return taps.stream().mapToInt(net::blockChannels).sum();
    }

    /**
     * [N, H, W, C] images with pixels in [0, 1] (C = 1 or 3, static) to [N, h, w, descriptorDim] maps
     * on the grid of a student with this patch size (32 or 64) and output stride, averaged over the
     * phases of the students' training grid (their pooling stride) against the coarsest tap's grid.
     * Inputs statically known to be exactly one patch are described in {@linkplain #singlePassDescriptors one pass}.
     */
    public Operand<TFloat32> denseDescriptors(Ops tf, Operand<TFloat32> images, int patchSize, int stride) {
        if (images.shape().size(1) == patchSize && images.shape().size(2) == patchSize) {
            // one patch (a batch of MNIST-like images): nothing moves against the backbone's grid, and
            // the shifted windows would only mix in the image's mirror copies
            return singlePassDescriptors(tf, images, patchSize, stride);
        }
        int coarsest = net.blockStride(taps.getLast());
        return descriptors(tf, images, patchSize, stride, Math.min(NetworkSpec.of(NetworkVariant.PAPER, patchSize, 3).maxStride(), coarsest));
    }

    /**
     * The same map from one pass of the backbone, without phase averaging: for patches seen alone (patch
     * sampling), where nothing moves against the backbone's grid, at a sixteenth or a quarter of the cost.
     */
    public Operand<TFloat32> singlePassDescriptors(Ops tf, Operand<TFloat32> images, int patchSize, int stride) {
        return descriptors(tf, images, patchSize, stride, net.blockStride(taps.getLast()));
    }

    /** The map averaged over the windows shifted by multiples of {@code step} up to the coarsest tap's stride. */
    private Operand<TFloat32> descriptors(Ops tf, Operand<TFloat32> images, int patchSize, int stride, int step) {
        NetworkSpec student = NetworkSpec.of(NetworkVariant.PAPER, patchSize, 3);
        student.checkStride(stride);
        int field = student.receptiveField();
        int channels = (int) images.shape().get(3);
        int coarsest = net.blockStride(taps.getLast());
        int phases = coarsest / step;
        Operand<TInt32> shape = tf.shape(images);
        Operand<TInt32> height = tf.gather(shape, tf.constant(1), tf.constant(0));
        Operand<TInt32> width = tf.gather(shape, tf.constant(2), tf.constant(0));
        // TF "SAME" convolutions put cell j of a stride-r map at pixel j r + (r - 1) / 2 only when every
        // strided layer sees an even size: each window the backbone sees is a multiple of the coarsest
        // stride, extended bottom and right (its origin does not move)
        Operand<TInt32> padHeight = padTo(tf, height, coarsest);
        Operand<TInt32> padWidth = padTo(tf, width, coarsest);
        Operand<TInt32> windowHeight = tf.math.add(height, padHeight);
        Operand<TInt32> windowWidth = tf.math.add(width, padWidth);
        int shiftRoom = (phases - 1) * step;
        Operand<TFloat32> x = net.normalize(tf, images, channels);
        Operand<TInt32> padding = tf.reshape(tf.stack(List.of(tf.constant(0), tf.constant(0),
                tf.constant(0), tf.math.add(padHeight, tf.constant(shiftRoom)),
                tf.constant(0), tf.math.add(padWidth, tf.constant(shiftRoom)),
                tf.constant(0), tf.constant(0))), tf.constant(new int[] {4, 2}));
        x = tf.mirrorPad(x, padding, "SYMMETRIC");
        // one window per phase, all in one batch
        List<Operand<TFloat32>> windows = new ArrayList<>();
        for (int dy = 0; dy < phases; dy++) {
            for (int dx = 0; dx < phases; dx++) {
                windows.add(tf.slice(x, tf.stack(List.of(tf.constant(0), tf.constant(dy * step), tf.constant(dx * step), tf.constant(0))),
                        tf.stack(List.of(tf.constant(-1), windowHeight, windowWidth, tf.constant(-1)))));
            }
        }
        Operand<TFloat32> batch = windows.size() == 1 ? windows.getFirst() : tf.concat(windows, tf.constant(0));
        List<Operand<TFloat32>> outputs = net.blockOutputs(tf, batch, taps.getLast(), weights);
        Operand<TInt32> rows = cellCount(tf, height, field, stride);
        Operand<TInt32> cols = cellCount(tf, width, field, stride);
        List<Operand<TFloat32>> parts = new ArrayList<>();
        for (int block : taps) {
            int r = net.blockStride(block);
            int window = Math.max(1, patchSize / r);
            Operand<TFloat32> pooled = window == 1 ? outputs.get(block)
                    : tf.nn.avgPool(outputs.get(block), List.of(1L, (long) window, (long) window, 1L), List.of(1L, 1L, 1L, 1L), "VALID");
            // pooled cell m of the window shifted by (dy, dx) steps is centred on pixel
            // m r + (r - 1) / 2 + (window - 1) r / 2 + d step of the input
            float origin = (r - 1) / 2f + (window - 1) * r / 2f;
            float firstCentre = (field - 1) / 2f;
            List<Operand<TFloat32>> perPhase = phases == 1 ? List.of(pooled)
                    : List.copyOf(tf.split(tf.constant(0), pooled, (long) phases * phases).output());
            Operand<TFloat32> sum = null;
            for (int k = 0; k < perPhase.size(); k++) {
                float rowOrigin = origin + (k / phases) * step;
                float colOrigin = origin + (k % phases) * step;
                Operand<TFloat32> resampled = resample(tf, resample(tf, perPhase.get(k), 1, rows, firstCentre, stride, rowOrigin, r),
                        2, cols, firstCentre, stride, colOrigin, r);
                sum = sum == null ? resampled : tf.math.add(sum, resampled);
            }
            parts.add(phases == 1 ? sum : tf.math.div(sum, tf.constant((float) (phases * phases))));
        }
        return parts.size() == 1 ? parts.getFirst() : tf.concat(parts, tf.constant(3));
    }

    private static Operand<TInt32> padTo(Ops tf, Operand<TInt32> size, int multiple) {
        return tf.math.floorMod(tf.math.sub(tf.constant(multiple), tf.math.floorMod(size, tf.constant(multiple))), tf.constant(multiple));
    }

    /** The student's cell count along an axis of {@code size} input pixels: (size - field) / stride + 1. */
    private static Operand<TInt32> cellCount(Ops tf, Operand<TInt32> size, int field, int stride) {
        return tf.math.add(tf.math.floorDiv(tf.math.sub(size, tf.constant(field)), tf.constant(stride)), tf.constant(1));
    }

    /**
     * Linear interpolation along {@code axis} of a map whose cell m sits at pixel {@code origin + m r},
     * at the pixels {@code firstCentre + i stride} for i in [0, count), clamped to the map's extent.
     */
    private static Operand<TFloat32> resample(Ops tf, Operand<TFloat32> map, int axis, Operand<TInt32> count,
                                              float firstCentre, int stride, float origin, int r) {
        Operand<TFloat32> last = tf.dtypes.cast(tf.math.sub(tf.gather(tf.shape(map), tf.constant(axis), tf.constant(0)), tf.constant(1)), TFloat32.class);
        Operand<TFloat32> i = tf.dtypes.cast(tf.range(tf.constant(0), count, tf.constant(1)), TFloat32.class);
        Operand<TFloat32> position = tf.math.div(tf.math.sub(tf.math.add(tf.math.mul(i, tf.constant((float) stride)),
                tf.constant(firstCentre)), tf.constant(origin)), tf.constant((float) r));
        position = tf.math.minimum(tf.math.maximum(position, tf.constant(0f)), last);
        Operand<TFloat32> below = tf.math.floor(position);
        Operand<TFloat32> above = tf.math.minimum(tf.math.add(below, tf.constant(1f)), last);
        Operand<TFloat32> weight = tf.math.sub(position, below);
        Operand<TFloat32> a = tf.gather(map, tf.dtypes.cast(below, TInt32.class), tf.constant(axis));
        Operand<TFloat32> b = tf.gather(map, tf.dtypes.cast(above, TInt32.class), tf.constant(axis));
        Operand<TFloat32> w = tf.reshape(weight, tf.constant(axis == 1 ? new int[] {1, -1, 1, 1} : new int[] {1, 1, -1, 1}));
        return tf.math.add(a, tf.math.mul(tf.math.sub(b, a), w));
    }
}

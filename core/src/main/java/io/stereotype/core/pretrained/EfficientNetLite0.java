package io.stereotype.core.pretrained;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * ImageNet EfficientNet-Lite0 (no squeeze-excitation, ReLU6) as TensorFlow graph operations of
 * unknown spatial size, with every inference-mode batch norm folded into its convolution. Built
 * from the state dict of the PyTorch port (lukemelas layout, weights ported from TensorFlow's
 * checkpoint); the graph reproduces TensorFlow's own: "SAME" padding and pixels scaled by
 * {@code (255 x - 127) / 128} (see docs/algorithm.md for how both were established).
 */
public final class EfficientNetLite0 {
    /** Batch-norm epsilon of the TensorFlow model the weights come from. */
    static final float BN_EPSILON = 1e-3f;
    /** Strides of the 16 MBConv blocks: stages of 1, 2, 2, 3, 3, 4, 1 blocks with strides 1, 2, 2, 2, 1, 2, 1. */
    private static final int[] BLOCK_STRIDES = {1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1};
    private static final float PIXEL_MEAN = 127f;
    private static final float PIXEL_STD = 128f;

    /** A convolution with its batch norm folded in, weights in TensorFlow's layout. */
    record FoldedConv(String name, long[] kernelShape, float[] kernel, float[] bias, int stride, boolean depthwise) {
    }

    /** An inverted-residual block: optional 1x1 expansion, depthwise convolution, 1x1 projection. */
    record Block(FoldedConv expand, FoldedConv depthwise, FoldedConv project, boolean residual) {
        int outputChannels() {
            return (int) project.kernelShape()[3];
        }
    }

    /** How the graph gets its weights: constants for a frozen network, variables for a SavedModel. */
    @FunctionalInterface
    public interface WeightFactory {
        Operand<TFloat32> weight(Ops tf, String name, Shape shape, float[] values);

        WeightFactory CONSTANTS = (tf, name, shape, values) -> tf.constant(shape, DataBuffers.of(values));
        WeightFactory VARIABLES = (tf, name, shape, values) -> tf.withName(name).variable(tf.constant(shape, DataBuffers.of(values)));
    }

    private final FoldedConv stem;
    private final List<Block> blocks;
    private final FoldedConv head;
    private final float[] classifierWeight;
    private final float[] classifierBias;

    private EfficientNetLite0(FoldedConv stem, List<Block> blocks, FoldedConv head, float[] classifierWeight, float[] classifierBias) {
        this.stem = stem;
        this.blocks = List.copyOf(blocks);
        this.head = head;
        this.classifierWeight = classifierWeight;
        this.classifierBias = classifierBias;
    }

    /** Reads the weights file fetched by {@code scripts/fetch-data.sh --weights}. */
    public static EfficientNetLite0 load(Path weightsFile) {
        return of(TorchLegacyFile.read(weightsFile), weightsFile.toString());
    }

    /** @param source names the weights in errors */
    static EfficientNetLite0 of(Map<String, TorchTensor> stateDict, String source) {
        StateDict sd = new StateDict(stateDict, source);
        FoldedConv stem = sd.conv("_conv_stem", "_bn0", 2, false);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < BLOCK_STRIDES.length; i++) {
            String p = "_blocks." + i + ".";
            int stride = BLOCK_STRIDES[i];
            FoldedConv expand = sd.has(p + "_expand_conv.weight") ? sd.conv(p + "_expand_conv", p + "_bn0", 1, false) : null;
            FoldedConv depthwise = sd.conv(p + "_depthwise_conv", p + "_bn1", stride, true);
            FoldedConv project = sd.conv(p + "_project_conv", p + "_bn2", 1, false);
            long inChannels = expand != null ? expand.kernelShape()[2] : depthwise.kernelShape()[2];
            blocks.add(new Block(expand, depthwise, project, stride == 1 && inChannels == project.kernelShape()[3]));
        }
        FoldedConv head = sd.conv("_conv_head", "_bn1", 1, false);
        TorchTensor fc = sd.tensor("_fc.weight");
        return new EfficientNetLite0(stem, blocks, head, transpose(fc.floats(), fc.shape()[0], fc.shape()[1]),
                sd.tensor("_fc.bias").floats());
    }

    public int blockCount() {
        return blocks.size();
    }

    /** The output stride (relative to the input image) of a block's output. */
    public int blockStride(int block) {
        int stride = 2;
        for (int i = 0; i <= block; i++) {
            stride *= BLOCK_STRIDES[i];
        }
        return stride;
    }

    public int blockChannels(int block) {
        return blocks.get(block).outputChannels();
    }

    /**
     * [N, H, W, C] images with pixels in [0, 1] (C = 1 or 3; a grey channel is repeated) to the
     * network's own input scale.
     */
    public Operand<TFloat32> normalize(Ops tf, Operand<TFloat32> images, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("EfficientNet-Lite0 takes 1 or 3 channels, got " + channels);
        }
        Operand<TFloat32> rgb = channels == 3 ? images : tf.tile(images, tf.constant(new int[] {1, 1, 1, 3}));
        return tf.math.div(tf.math.sub(tf.math.mul(rgb, tf.constant(255f)), tf.constant(PIXEL_MEAN)), tf.constant(PIXEL_STD));
    }

    /** The outputs of blocks {@code 0..lastBlock} for normalised images (only as far as needed). */
    public List<Operand<TFloat32>> blockOutputs(Ops tf, Operand<TFloat32> normalized, int lastBlock, WeightFactory weights) {
        Operand<TFloat32> h = tf.nn.relu6(conv(tf, normalized, stem, weights));
        List<Operand<TFloat32>> outputs = new ArrayList<>();
        for (int i = 0; i <= lastBlock; i++) {
            Block b = blocks.get(i);
            Operand<TFloat32> x = b.expand() != null ? tf.nn.relu6(conv(tf, h, b.expand(), weights)) : h;
            x = tf.nn.relu6(conv(tf, x, b.depthwise(), weights));
            x = conv(tf, x, b.project(), weights);
            h = b.residual() ? tf.math.add(x, h) : x;
            outputs.add(h);
        }
        return outputs;
    }

    /** ImageNet-1k logits [N, 1000] of normalised images. */
    public Operand<TFloat32> logits(Ops tf, Operand<TFloat32> normalized, WeightFactory weights) {
        Operand<TFloat32> features = blockOutputs(tf, normalized, blocks.size() - 1, weights).getLast();
        Operand<TFloat32> h = tf.nn.relu6(conv(tf, features, head, weights));
        Operand<TFloat32> pooled = tf.math.mean(h, tf.constant(new int[] {1, 2}));
        Operand<TFloat32> w = weights.weight(tf, "fc_w", Shape.of(classifierWeight.length / classifierBias.length, classifierBias.length), classifierWeight);
        return tf.math.add(tf.linalg.matMul(pooled, w), weights.weight(tf, "fc_b", Shape.of(classifierBias.length), classifierBias));
    }

    private static Operand<TFloat32> conv(Ops tf, Operand<TFloat32> x, FoldedConv c, WeightFactory weights) {
        Operand<TFloat32> kernel = weights.weight(tf, c.name() + "_w", Shape.of(c.kernelShape()), c.kernel());
        List<Long> strides = List.of(1L, (long) c.stride(), (long) c.stride(), 1L);
        Operand<TFloat32> y = c.depthwise()
                ? tf.nn.depthwiseConv2dNative(x, kernel, strides, "SAME")
                : tf.nn.conv2d(x, kernel, strides, "SAME");
        return tf.nn.biasAdd(y, weights.weight(tf, c.name() + "_b", Shape.of(c.bias().length), c.bias()));
    }

    private static float[] transpose(float[] values, int rows, int cols) {
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = values[r * cols + c];
            }
        }
        return out;
    }

    /** Looks tensors up by name and folds batch norms, with errors naming the weights file. */
    private record StateDict(Map<String, TorchTensor> tensors, String source) {
        boolean has(String name) {
            return tensors.containsKey(name);
        }

        TorchTensor tensor(String name) {
            TorchTensor t = tensors.get(name);
            if (t == null || !t.isFloat()) {
                throw new IllegalArgumentException(source + " is not an EfficientNet-Lite0 state dict: no float tensor " + name);
            }
            return t;
        }

        /** PyTorch [out, in, kh, kw] (depthwise: [C, 1, kh, kw]) scaled by the batch norm, to TF [kh, kw, in, out] ([kh, kw, C, 1]). */
        FoldedConv conv(String conv, String bn, int stride, boolean depthwise) {
            TorchTensor w = tensor(conv + ".weight");
            int[] s = w.shape();
            if (s.length != 4 || (depthwise && s[1] != 1)) {
                throw new IllegalArgumentException(source + ": " + conv + ".weight has an unexpected shape " + java.util.Arrays.toString(s));
            }
            float[] gamma = tensor(bn + ".weight").floats();
            float[] beta = tensor(bn + ".bias").floats();
            float[] mean = tensor(bn + ".running_mean").floats();
            float[] var = tensor(bn + ".running_var").floats();
            int out = s[0];
            int in = s[1];
            int kh = s[2];
            int kw = s[3];
            if (gamma.length != out || beta.length != out || mean.length != out || var.length != out) {
                throw new IllegalArgumentException(source + ": batch norm " + bn + " does not match " + conv + "'s " + out + " channels");
            }
            float[] scale = new float[out];
            float[] bias = new float[out];
            for (int o = 0; o < out; o++) {
                scale[o] = (float) (gamma[o] / Math.sqrt(var[o] + BN_EPSILON));
                bias[o] = beta[o] - mean[o] * scale[o];
            }
            float[] src = w.floats();
            float[] kernel = new float[src.length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    for (int y = 0; y < kh; y++) {
                        for (int x = 0; x < kw; x++) {
                            float v = src[((o * in + i) * kh + y) * kw + x] * scale[o];
                            // depthwise: the channel is TF's input axis and the multiplier (1) its output axis
                            int target = depthwise ? (y * kw + x) * out + o : ((y * kw + x) * in + i) * out + o;
                            kernel[target] = v;
                        }
                    }
                }
            }
            long[] shape = depthwise ? new long[] {kh, kw, out, 1} : new long[] {kh, kw, in, out};
            // TF op names may not start with "_"
            return new FoldedConv("lite0" + conv.replace('.', '_'), shape, kernel, bias, stride, depthwise);
        }
    }
}

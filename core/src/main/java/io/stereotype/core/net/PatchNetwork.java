package io.stereotype.core.net;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/**
 * A patch network as TensorFlow graph operations. Spatial input size is unknown, so the same weights
 * give one descriptor per patch ({@link #patchDescriptors}) and a dense descriptor map over a whole
 * image ({@link #denseDescriptors}).
 *
 * <p>Dense maps at an output stride finer than the network's pooling stride use the "fast dense
 * feature extraction" identity: a pooling layer whose stride is dropped keeps every shift of its
 * output, and every later kernel is dilated by the stride it lost, so position (i, j) of the map is
 * exactly the descriptor of the patch whose top-left corner is (i * stride, j * stride).
 */
public final class PatchNetwork {
    private final NetworkSpec spec;
    private final InputNormalization normalization;
    private final Map<String, Operand<TFloat32>> weights;
    private final List<Variable<TFloat32>> variables;

    private PatchNetwork(NetworkSpec spec, InputNormalization normalization, Map<String, Operand<TFloat32>> weights,
                         List<Variable<TFloat32>> variables) {
        if (normalization.channels() != spec.inputChannels()) {
            throw new IllegalArgumentException("input normalization has " + normalization.channels()
                    + " channels, the network takes " + spec.inputChannels());
        }
        this.spec = spec;
        this.normalization = normalization;
        this.weights = weights;
        this.variables = variables;
    }

    /** Weights as graph variables (named {@code prefix + parameter name}) that an optimizer can train. */
    public static PatchNetwork trainable(Ops tf, NetworkSpec spec, InputNormalization normalization,
                                         NetworkParameters parameters, String prefix) {
        Map<String, Operand<TFloat32>> weights = new HashMap<>();
        List<Variable<TFloat32>> variables = new ArrayList<>();
        for (Parameter p : parameters.parameters()) {
            Variable<TFloat32> v = variable(tf, p, prefix);
            weights.put(p.name(), v);
            variables.add(v);
        }
        return new PatchNetwork(spec, normalization, weights, variables);
    }

    /** Weights as constants: a frozen teacher inside a student's training graph. */
    public static PatchNetwork frozen(Ops tf, NetworkSpec spec, InputNormalization normalization,
                                      NetworkParameters parameters) {
        Map<String, Operand<TFloat32>> weights = new HashMap<>();
        for (Parameter p : parameters.parameters()) {
            weights.put(p.name(), constant(tf, p));
        }
        return new PatchNetwork(spec, normalization, weights, List.of());
    }

    public static Variable<TFloat32> variable(Ops tf, Parameter p, String prefix) {
        return tf.withName(prefix + p.name()).variable(constant(tf, p));
    }

    public static Operand<TFloat32> constant(Ops tf, Parameter p) {
        return tf.constant(Shape.of(p.shape()), DataBuffers.of(p.values()));
    }

    /** The variables in parameter order (empty for a frozen network). */
    public List<Variable<TFloat32>> variables() {
        return variables;
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** [N, patch, patch, C] patches to [N, descriptorDim] descriptors. */
    public Operand<TFloat32> patchDescriptors(Ops tf, Operand<TFloat32> patches) {
        Operand<TFloat32> map = denseDescriptors(tf, patches, spec.maxStride());
        return tf.reshape(map, tf.constant(new long[] {-1, spec.descriptorDim()}));
    }

    /** [N, H, W, C] images to [N, H', W', descriptorDim] descriptor maps at the given output stride. */
    public Operand<TFloat32> denseDescriptors(Ops tf, Operand<TFloat32> images, int outputStride) {
        spec.checkStride(outputStride);
        Operand<TFloat32> h = tf.math.div(tf.math.sub(images, tf.constant(normalization.mean())),
                tf.constant(normalization.std()));
        int stride = 1;
        long dilation = 1;
        int conv = 0;
        for (Layer layer : spec.layers()) {
            if (layer.kind() == Layer.Kind.CONV) {
                conv++;
                h = convolution(tf, h, NetworkParameters.convWeight(conv), NetworkParameters.convBias(conv), dilation);
                if (layer.activation()) {
                    h = tf.nn.leakyRelu(h, LeakyRelu.alpha(spec.leakySlope()));
                }
            } else if (stride * 2 <= outputStride) {
                h = tf.nn.maxPool(h, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}), "VALID");
                stride *= 2;
            } else {
                h = dilatedMaxPool(tf, h, dilation);
                dilation *= 2;
            }
        }
        return convolution(tf, h, "proj_w", "proj_b", dilation);
    }

    private Operand<TFloat32> convolution(Ops tf, Operand<TFloat32> h, String weight, String bias, long dilation) {
        Operand<TFloat32> c = tf.nn.conv2d(h, weights.get(weight), List.of(1L, 1L, 1L, 1L), "VALID",
                Conv2d.dilations(List.of(1L, dilation, dilation, 1L)));
        return tf.nn.biasAdd(c, weights.get(bias));
    }

    /** 2x2 max pooling with stride 1 whose window taps lie {@code d} pixels apart. */
    private static Operand<TFloat32> dilatedMaxPool(Ops tf, Operand<TFloat32> h, long d) {
        Operand<TFloat32> topLeft = tf.stridedSlice(h, Indices.all(), Indices.sliceTo(-d), Indices.sliceTo(-d), Indices.all());
        Operand<TFloat32> topRight = tf.stridedSlice(h, Indices.all(), Indices.sliceTo(-d), Indices.sliceFrom(d), Indices.all());
        Operand<TFloat32> bottomLeft = tf.stridedSlice(h, Indices.all(), Indices.sliceFrom(d), Indices.sliceTo(-d), Indices.all());
        Operand<TFloat32> bottomRight = tf.stridedSlice(h, Indices.all(), Indices.sliceFrom(d), Indices.sliceFrom(d), Indices.all());
        return tf.math.maximum(tf.math.maximum(topLeft, topRight), tf.math.maximum(bottomLeft, bottomRight));
    }
}

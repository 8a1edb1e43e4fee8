package io.stereotype.core.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * All weights of one patch network (and, for the doctor, its classification head) in layer order.
 * Naming: {@code conv<i>_w}, {@code conv<i>_b} for the i-th convolution, {@code proj_w}, {@code proj_b}
 * for the final linear layer.
 */
public record NetworkParameters(List<Parameter> parameters) {
    public NetworkParameters {
        parameters = List.copyOf(parameters);
    }

    /** Xavier-uniform weights and zero biases drawn from a seeded generator (reproducible per network). */
    public static NetworkParameters initial(NetworkSpec spec, long seed) {
        Random random = new Random(seed);
        List<Parameter> params = new ArrayList<>();
        int channels = spec.inputChannels();
        int conv = 0;
        for (Layer layer : spec.layers()) {
            if (layer.kind() != Layer.Kind.CONV) {
                continue;
            }
            conv++;
            params.add(xavier(convWeight(conv), new long[] {layer.kernel(), layer.kernel(), channels, layer.channels()},
                    layer.kernel() * layer.kernel() * channels, layer.kernel() * layer.kernel() * layer.channels(), random));
            params.add(zeros(convBias(conv), layer.channels()));
            channels = layer.channels();
        }
        params.add(xavier("proj_w", new long[] {1, 1, channels, spec.descriptorDim()}, channels, spec.descriptorDim(), random));
        params.add(zeros("proj_b", spec.descriptorDim()));
        return new NetworkParameters(params);
    }

    /** Weights of a linear classification head on the descriptor (the doctor's classifier T). */
    public static List<Parameter> classifierHead(int descriptorDim, int classes, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        return List.of(xavier("head_w", new long[] {descriptorDim, classes}, descriptorDim, classes, random),
                zeros("head_b", classes));
    }

    public static String convWeight(int index) {
        return "conv" + index + "_w";
    }

    public static String convBias(int index) {
        return "conv" + index + "_b";
    }

    public Parameter get(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no parameter named " + name));
    }

    private static Parameter xavier(String name, long[] shape, int fanIn, int fanOut, Random random) {
        int size = Math.toIntExact(java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact));
        float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (random.nextFloat() * 2 - 1) * limit;
        }
        return new Parameter(name, shape, values);
    }

    private static Parameter zeros(String name, int size) {
        return new Parameter(name, new long[] {size}, new float[size]);
    }
}

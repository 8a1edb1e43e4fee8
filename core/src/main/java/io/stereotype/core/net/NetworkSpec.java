package io.stereotype.core.net;

import java.util.List;

/**
 * Architecture of a fully convolutional patch network: convolution/pooling layers followed by a
 * linear layer to the descriptor, applied as a 1x1 convolution so that the same weights give one
 * descriptor per patch and a dense descriptor map on a whole image.
 *
 * <p>Table 1 of the paper ends with "Linear 1x1x1, Flatten, Linear 512": two stacked linear layers
 * through a single unit would make every descriptor a scalar multiple of one vector (rank one), so
 * the compactness loss could not act on it. We keep the 4-channel bottleneck and map it linearly to
 * the descriptor (see docs/algorithm.md).
 */
public record NetworkSpec(NetworkVariant variant, int patchSize, int inputChannels, List<Layer> layers,
                          int descriptorDim, float leakySlope) {

    public static final float PAPER_LEAKY_SLOPE = 5e-3f;

    public NetworkSpec {
        layers = List.copyOf(layers);
        if (inputChannels != 1 && inputChannels != 3) {
            throw new IllegalArgumentException("inputChannels must be 1 or 3, got " + inputChannels);
        }
        if (descriptorDim < 2) {
            throw new IllegalArgumentException("descriptorDim must be at least 2, got " + descriptorDim);
        }
    }

    /** The architecture of a variant for a patch size (32 or 64) and image channel count. */
    public static NetworkSpec of(NetworkVariant variant, int patchSize, int inputChannels) {
        List<Layer> layers = switch (variant) {
            case PAPER -> switch (patchSize) {
                case 64 -> List.of(Layer.conv(4, 64), Layer.pool(), Layer.conv(4, 32), Layer.pool(),
                        Layer.conv(4, 16), Layer.pool(), Layer.conv(4, 8), Layer.conv(2, 4));
                case 32 -> List.of(Layer.conv(4, 64), Layer.pool(), Layer.conv(4, 32), Layer.pool(),
                        Layer.conv(4, 16), Layer.conv(2, 4));
                default -> throw unsupportedPatch(patchSize);
            };
            case WIDE -> switch (patchSize) {
                case 64 -> List.of(Layer.conv(4, 96), Layer.pool(), Layer.conv(4, 96), Layer.pool(),
                        Layer.conv(4, 128), Layer.pool(), Layer.conv(4, 256), Layer.conv(2, 128));
                case 32 -> List.of(Layer.conv(4, 96), Layer.pool(), Layer.conv(4, 128), Layer.pool(),
                        Layer.conv(4, 256), Layer.conv(2, 128));
                default -> throw unsupportedPatch(patchSize);
            };
        };
        int descriptorDim = variant == NetworkVariant.PAPER ? 512 : 128;
        return new NetworkSpec(variant, patchSize, inputChannels, layers, descriptorDim, PAPER_LEAKY_SLOPE);
    }

    /** The same network with a last layer of {@code dim} outputs: a student of a teacher with D-dimensional descriptors. */
    public NetworkSpec withDescriptorDim(int dim) {
        return new NetworkSpec(variant, patchSize, inputChannels, layers, dim, leakySlope);
    }

    private static IllegalArgumentException unsupportedPatch(int patchSize) {
        return new IllegalArgumentException("patch size must be 32 or 64, got " + patchSize);
    }

    /**
     * Channels of the last convolution, which the linear layer maps to the descriptor: the descriptors
     * lie in an affine subspace of this dimension (4 for Table 1, 128 for the wide network).
     */
    public int bottleneck() {
        return layers.getLast().channels();
    }

    /** Side of the input window one output descriptor depends on (61 for Table 1 at patch 64). */
    public int receptiveField() {
        int field = 1;
        int jump = 1;
        for (Layer layer : layers) {
            field += (layer.kernel() - 1) * jump;
            if (layer.kind() == Layer.Kind.POOL) {
                jump *= 2;
            }
        }
        return field;
    }

    /** Output stride when every pooling layer keeps its stride of 2. */
    public int maxStride() {
        return 1 << poolCount();
    }

    public int poolCount() {
        return (int) layers.stream().filter(l -> l.kind() == Layer.Kind.POOL).count();
    }

    /** Checks that an output stride can be produced by this network (a power of two up to maxStride). */
    public void checkStride(int stride) {
        if (stride < 1 || stride > maxStride() || Integer.bitCount(stride) != 1) {
            throw new IllegalArgumentException("output stride must be a power of two between 1 and "
                    + maxStride() + " for this network, got " + stride);
        }
    }
}

package io.stereotype.core.train;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The patch positions of dense training: in an image of side L, the P x P patches whose top-left
 * pixel is a multiple of the stride s, (L - P) / s + 1 of them per side. A patch network's dense
 * map at stride s covers these and, because its receptive field is a little smaller than P
 * (61 for P = 64), sometimes one more row and column of patches that would stick out of the
 * image; {@link #fit} drops those, so every training position is a whole patch of the image.
 */
public record DenseGrid(int patchSize, int stride) {

    public DenseGrid {
        if (stride < 1 || Integer.bitCount(stride) != 1) {
            throw new IllegalArgumentException("stride must be a power of two, got " + stride);
        }
    }

    /** Positions along an image side of {@code length} pixels. */
    public int positions(int length) {
        return length < patchSize ? 0 : (length - patchSize) / stride + 1;
    }

    /** A [N, h', w', D] map of an image of {@code height x width} cut to the grid's [N, h, w, D]. */
    public Operand<TFloat32> fit(Ops tf, Operand<TFloat32> map, int height, int width) {
        return tf.stridedSlice(map, Indices.all(), Indices.sliceTo(positions(height)), Indices.sliceTo(positions(width)),
                Indices.all());
    }
}

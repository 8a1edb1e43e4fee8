package io.stereotype.core.score;

import io.stereotype.core.bundle.NetworkFolder;
import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.FloatMap;
import io.stereotype.core.infer.DescriptorMap;
import io.stereotype.core.net.NetworkSpec;
import java.util.Arrays;

/**
 * Relates a dense descriptor grid to image pixels. Images are reflect-padded so that grid position
 * i is the patch centred on pixel i * stride, and the grid reaches past the last pixel; upsampling
 * is then a bilinear interpolation at x / stride. An image exactly one patch in size is one
 * descriptor, as in training (MNIST, CIFAR): it is neither padded nor shifted.
 */
public record GridGeometry(int patchSize, int receptiveField, int stride) {

    /** The geometry of a saved network's dense descriptor maps. */
    public static GridGeometry of(NetworkFolder.Description network) {
        NetworkSpec spec = NetworkSpec.of(network.variant(), network.patchSize(), network.channels());
        return new GridGeometry(spec.patchSize(), spec.receptiveField(), network.stride());
    }

    public int padBefore() {
        return (receptiveField - 1) / 2;
    }

    public int padAfter() {
        return receptiveField - 1 - padBefore() + stride - 1;
    }

    public FloatImage pad(FloatImage image) {
        return image.reflectPad(padBefore(), padBefore(), padAfter(), padAfter());
    }

    /** The network input for an already preprocessed image: padded, unless it is exactly one patch. */
    public FloatImage input(FloatImage preprocessed) {
        return onePatch(preprocessed) ? preprocessed : pad(preprocessed);
    }

    /** How many pixels {@link #input} adds to each side of a preprocessed image (none to a one-patch image). */
    public int padding(FloatImage preprocessed) {
        return onePatch(preprocessed) ? 0 : padBefore() + padAfter();
    }

    /** The {@code side x side} window at ({@code x}, {@code y}) of {@link #input}, cut without padding the whole image. */
    public FloatImage inputWindow(FloatImage preprocessed, int x, int y, int side) {
        int before = onePatch(preprocessed) ? 0 : padBefore();
        return preprocessed.reflectWindow(x - before, y - before, side, side);
    }

    /** A network's descriptor map of {@link #input} as the image's grid (one position for a one-patch image). */
    public DescriptorMap grid(DescriptorMap output, FloatImage preprocessed) {
        return onePatch(preprocessed)
                ? new DescriptorMap(1, 1, output.dim(), Arrays.copyOf(output.values(), output.dim()))
                : output;
    }

    private boolean onePatch(FloatImage preprocessed) {
        return preprocessed.width() == patchSize && preprocessed.height() == patchSize;
    }

    /** A grid of scores as a map over the preprocessed image's pixels, smoothed with a Gaussian of {@code sigma}. */
    public FloatMap smoothedPixels(float[] grid, int gridWidth, int gridHeight, FloatImage preprocessed, double sigma) {
        return toPixels(grid, gridWidth, gridHeight, preprocessed.width(), preprocessed.height()).gaussianBlur(sigma);
    }

    /** A grid of scores to a map of {@code width x height} pixels. */
    public FloatMap toPixels(float[] grid, int gridWidth, int gridHeight, int width, int height) {
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            double v = Math.min((double) y / stride, gridHeight - 1);
            int y0 = (int) v;
            int y1 = Math.min(y0 + 1, gridHeight - 1);
            double fy = v - y0;
            for (int x = 0; x < width; x++) {
                double u = Math.min((double) x / stride, gridWidth - 1);
                int x0 = (int) u;
                int x1 = Math.min(x0 + 1, gridWidth - 1);
                double fx = u - x0;
                double top = grid[y0 * gridWidth + x0] * (1 - fx) + grid[y0 * gridWidth + x1] * fx;
                double bottom = grid[y1 * gridWidth + x0] * (1 - fx) + grid[y1 * gridWidth + x1] * fx;
                out[y * width + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return new FloatMap(width, height, out);
    }
}

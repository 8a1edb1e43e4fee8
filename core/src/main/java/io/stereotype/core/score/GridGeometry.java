package io.stereotype.core.score;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.FloatMap;

/**
 * Relates a dense descriptor grid to image pixels. Images are reflect-padded so that grid position
 * i is the patch centred on pixel i * stride, and the grid reaches past the last pixel; upsampling
 * is then a bilinear interpolation at x / stride.
 */
public record GridGeometry(int receptiveField, int stride) {

    public int padBefore() {
        return (receptiveField - 1) / 2;
    }

    public int padAfter() {
        return receptiveField - 1 - padBefore() + stride - 1;
    }

    public FloatImage pad(FloatImage image) {
        return image.reflectPad(padBefore(), padBefore(), padAfter(), padAfter());
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

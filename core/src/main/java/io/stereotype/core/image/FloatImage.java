package io.stereotype.core.image;

/**
 * An image of floats, nominally in [0,1], stored row-major with interleaved channels (HWC):
 * {@code index = (y * width + x) * channels + c}. Operations return new images; the backing
 * array is exposed by {@link #data()} without a copy so that tensors can be filled quickly,
 * and callers must not modify it behind the image's back.
 */
public final class FloatImage {

    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;

    private final int width;
    private final int height;
    private final int channels;
    private final float[] data;

    public FloatImage(int width, int height, int channels, float[] data) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image must have 1 or 3 channels, got " + channels);
        }
        long expected = (long) width * height * channels;
        if (data == null || data.length != expected) {
            throw new IllegalArgumentException("image " + width + "x" + height + "x" + channels + " needs "
                    + expected + " values, got " + (data == null ? "null" : data.length));
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.data = data;
    }

    public static FloatImage zeros(int width, int height, int channels) {
        return new FloatImage(width, height, channels, new float[Math.max(0, width * height * channels)]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return channels;
    }

    /** The backing array (no copy). */
    public float[] data() {
        return data;
    }

    public float get(int x, int y, int c) {
        if (x < 0 || x >= width || y < 0 || y >= height || c < 0 || c >= channels) {
            throw new IndexOutOfBoundsException("pixel (" + x + "," + y + "," + c + ") outside image "
                    + width + "x" + height + "x" + channels);
        }
        return data[(y * width + x) * channels + c];
    }

    /** Converts grey to RGB (replicating the value) or RGB to grey (ITU-R BT.601 luminance). */
    public FloatImage toChannels(int targetChannels) {
        if (targetChannels == channels) {
            return this;
        }
        int pixels = width * height;
        if (targetChannels == 1) {
            float[] grey = new float[pixels];
            for (int p = 0; p < pixels; p++) {
                grey[p] = LUMA_R * data[3 * p] + LUMA_G * data[3 * p + 1] + LUMA_B * data[3 * p + 2];
            }
            return new FloatImage(width, height, 1, grey);
        }
        if (targetChannels == 3) {
            float[] rgb = new float[pixels * 3];
            for (int p = 0; p < pixels; p++) {
                rgb[3 * p] = data[p];
                rgb[3 * p + 1] = data[p];
                rgb[3 * p + 2] = data[p];
            }
            return new FloatImage(width, height, 3, rgb);
        }
        throw new IllegalArgumentException("image must have 1 or 3 channels, got " + targetChannels);
    }

    /** Bilinear resize with pixel centres aligned, like OpenCV's {@code INTER_LINEAR}. */
    public FloatImage resize(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        return new FloatImage(newWidth, newHeight, channels,
                Bilinear.resize(data, width, height, channels, newWidth, newHeight));
    }

    public FloatImage crop(int x, int y, int w, int h) {
        if (w <= 0 || h <= 0 || x < 0 || y < 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop " + w + "x" + h + " at (" + x + "," + y
                    + ") does not fit in image " + width + "x" + height);
        }
        float[] out = new float[w * h * channels];
        int rowLength = w * channels;
        for (int row = 0; row < h; row++) {
            System.arraycopy(data, ((y + row) * width + x) * channels, out, row * rowLength, rowLength);
        }
        return new FloatImage(w, h, channels, out);
    }

    /**
     * Pads by reflection without repeating the edge (numpy {@code mode='reflect'}); pads wider
     * than the image reflect repeatedly.
     */
    public FloatImage reflectPad(int left, int top, int right, int bottom) {
        if (left < 0 || top < 0 || right < 0 || bottom < 0) {
            throw new IllegalArgumentException("pads must be non-negative, got left=" + left + " top=" + top
                    + " right=" + right + " bottom=" + bottom);
        }
        return reflectWindow(-left, -top, width + left + right, height + top + bottom);
    }

    /**
     * The {@code w x h} window at ({@code x}, {@code y}) of this image extended by reflection in every
     * direction, as {@link #reflectPad} extends it: a crop of a padded image without padding all of it.
     */
    public FloatImage reflectWindow(int x, int y, int w, int h) {
        float[] out = new float[w * h * channels];
        for (int row = 0; row < h; row++) {
            int sy = Borders.reflect101(y + row, height);
            for (int column = 0; column < w; column++) {
                int sx = Borders.reflect101(x + column, width);
                System.arraycopy(data, (sy * width + sx) * channels, out, (row * w + column) * channels, channels);
            }
        }
        return new FloatImage(w, h, channels, out);
    }

    /** Rotates counter-clockwise by {@code quarterTurns * 90} degrees (negative = clockwise), like numpy's rot90. */
    public FloatImage rotate90(int quarterTurns) {
        int turns = Math.floorMod(quarterTurns, 4);
        FloatImage result = this;
        for (int i = 0; i < turns; i++) {
            result = result.rotateQuarterCounterClockwise();
        }
        return result;
    }

    private FloatImage rotateQuarterCounterClockwise() {
        int w = height;
        int h = width;
        float[] out = new float[data.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // the source column walks from the right edge to the left as the target row goes down
                int sx = width - 1 - y;
                int sy = x;
                System.arraycopy(data, (sy * width + sx) * channels, out, (y * w + x) * channels, channels);
            }
        }
        return new FloatImage(w, h, channels, out);
    }

    /** Mirrors left-right. */
    public FloatImage flipHorizontal() {
        float[] out = new float[data.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(data, (y * width + width - 1 - x) * channels, out, (y * width + x) * channels, channels);
            }
        }
        return new FloatImage(width, height, channels, out);
    }
}

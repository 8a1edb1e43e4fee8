package io.stereotype.core.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads and writes PNG/JPEG files as {@link FloatImage}s and binary masks. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * Reads a PNG or JPEG as grey (1 channel) or RGB (3 channels) in [0,1]; 16-bit samples are
     * scaled by 65535, alpha is dropped. Decoder warnings (e.g. a truncated JPEG, which ImageIO
     * would otherwise fill with grey) are treated as errors.
     *
     * @throws UncheckedIOException naming the file when it is missing, empty, or not a decodable image
     */
    public static FloatImage read(Path file) {
        return fromBufferedImage(decode(file));
    }

    private static BufferedImage decode(Path file) {
        try {
            if (!Files.exists(file)) {
                throw new IOException("image file does not exist: " + file);
            }
            if (!Files.isRegularFile(file)) {
                throw new IOException("image path is not a regular file: " + file);
            }
            if (Files.size(file) == 0) {
                throw new IOException("image file is empty (0 bytes): " + file);
            }
            return decodeStrictly(file);
        } catch (IOException e) {
            String message = e.getMessage() != null && e.getMessage().contains(file.toString())
                    ? e.getMessage()
                    : "cannot decode image (corrupt or truncated?) " + file + ": " + e.getMessage();
            throw new UncheckedIOException(message, e);
        } catch (RuntimeException e) {
            // some decoders signal corrupt data with runtime exceptions (e.g. IndexOutOfBounds)
            throw new UncheckedIOException("cannot decode image (corrupt or truncated?) " + file + ": " + e,
                    new IOException(e));
        }
    }

    private static BufferedImage decodeStrictly(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not a PNG or JPEG image (unknown format): " + file);
            }
            ImageReader reader = readers.next();
            try {
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                reader.setInput(in, true, true);
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new IOException("corrupt or truncated image " + file + ": " + String.join("; ", warnings));
                }
                return image;
            } finally {
                reader.dispose();
            }
        }
    }

    /** Converts a decoded image; grey stays 1 channel, anything else becomes RGB. */
    public static FloatImage fromBufferedImage(BufferedImage image) {
        ColorModel model = image.getColorModel();
        int colorType = model.getColorSpace().getType();
        boolean integerSamples = model.getTransferType() == DataBuffer.TYPE_BYTE
                || model.getTransferType() == DataBuffer.TYPE_USHORT;
        if (model instanceof ComponentColorModel && integerSamples
                && (colorType == ColorSpace.TYPE_GRAY || colorType == ColorSpace.TYPE_RGB)) {
            return fromComponents(image.getRaster(), model);
        }
        return fromPackedRgb(image);
    }

    /** Reads raw samples so that 16-bit data keeps its precision; bands beyond the colour ones are alpha. */
    private static FloatImage fromComponents(Raster raster, ColorModel model) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int channels = model.getNumColorComponents();
        float[] data = new float[w * h * channels];
        int[] row = new int[w];
        for (int c = 0; c < channels; c++) {
            float scale = 1f / ((1 << model.getComponentSize(c)) - 1);
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, c, row);
                for (int x = 0; x < w; x++) {
                    data[(y * w + x) * channels + c] = row[x] * scale;
                }
            }
        }
        return new FloatImage(w, h, channels, data);
    }

    private static FloatImage fromPackedRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] data = new float[w * h * 3];
        for (int p = 0; p < argb.length; p++) {
            data[3 * p] = ((argb[p] >> 16) & 0xff) / 255f;
            data[3 * p + 1] = ((argb[p] >> 8) & 0xff) / 255f;
            data[3 * p + 2] = (argb[p] & 0xff) / 255f;
        }
        return new FloatImage(w, h, 3, data);
    }

    /** 8-bit grey or RGB image; values are clamped to [0,1] and rounded. */
    public static BufferedImage toBufferedImage(FloatImage image) {
        int w = image.width();
        int h = image.height();
        int channels = image.channels();
        BufferedImage out = new BufferedImage(w, h, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = out.getRaster();
        float[] data = image.data();
        int[] row = new int[w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    row[x] = toByte(data[(y * w + x) * channels + c]);
                }
                raster.setSamples(0, y, w, 1, c, row);
            }
        }
        return out;
    }

    private static int toByte(float v) {
        return Math.round(Math.clamp(v, 0f, 1f) * 255f);
    }

    /** Writes an 8-bit PNG atomically (temporary file, then move), creating parent folders. */
    public static void writePng(FloatImage image, Path file) {
        writePng(toBufferedImage(image), file);
    }

    /** Writes any image as PNG atomically (temporary file, then move), creating parent folders. */
    public static void writePng(BufferedImage image, Path file) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer for image type " + image.getType());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write PNG " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed; that error is the one worth reporting
            }
        }
    }

    /**
     * Reads a ground-truth mask: a pixel is anomalous when any channel is above 0.
     *
     * @throws IllegalArgumentException naming the file when its size differs from the expected one
     */
    public static boolean[] readMask(Path file, int expectedWidth, int expectedHeight) {
        FloatImage image = read(file);
        if (image.width() != expectedWidth || image.height() != expectedHeight) {
            throw new IllegalArgumentException("mask " + file + " is " + image.width() + "x" + image.height()
                    + " but its image is " + expectedWidth + "x" + expectedHeight);
        }
        int channels = image.channels();
        float[] data = image.data();
        boolean[] mask = new boolean[expectedWidth * expectedHeight];
        for (int p = 0; p < mask.length; p++) {
            for (int c = 0; c < channels; c++) {
                mask[p] |= data[p * channels + c] > 0;
            }
        }
        return mask;
    }

    /** Writes a mask as an 8-bit grey PNG (255 = anomalous, 0 = normal), atomically. */
    public static void writeMask(boolean[] mask, int width, int height, Path file) {
        if (mask.length != width * height) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, not " + width + "x" + height
                    + " (writing " + file + ")");
        }
        float[] data = new float[mask.length];
        for (int p = 0; p < mask.length; p++) {
            data[p] = mask[p] ? 1f : 0f;
        }
        writePng(new FloatImage(width, height, 1, data), file);
    }
}

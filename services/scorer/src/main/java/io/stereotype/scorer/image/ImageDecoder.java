package io.stereotype.scorer.image;

import io.stereotype.core.image.FloatImage;
import io.stereotype.core.image.ImageFiles;
import io.stereotype.scorer.image.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns uploaded bytes into an image the detector takes, refusing anything that is not a complete
 * PNG or JPEG within the limits. The pixel count is read from the header before any pixel is
 * decoded, so a small file claiming a huge image cannot exhaust memory. Pixels are converted
 * exactly as {@link ImageFiles#read} converts files, so the service scores what offline scoring does.
 */
public final class ImageDecoder {
    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * @param name names the image in error messages
     * @throws ImageRejectedException when the bytes are not a PNG or JPEG within the limits
     */
    public FloatImage decode(byte[] bytes, String name) {
        checkSize(bytes.length, name);
        // memory cache: ImageIO's default file cache would write every upload to disk
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(Reason.MALFORMED, name + " is not a PNG or JPEG image (unrecognised content)");
            }
            ImageReader reader = readers.next();
            try {
                return ImageFiles.fromBufferedImage(read(reader, in, name));
            } finally {
                reader.dispose();
            }
        } catch (ImageRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports corrupt data with IIOException, EOF, or runtime exceptions of all kinds
            throw new ImageRejectedException(Reason.MALFORMED, "cannot decode " + name + " (corrupt or truncated?): " + e.getMessage());
        }
    }

    /** Checks a size known before the bytes are read (e.g. of a multipart file). */
    public void checkSize(long bytes, String name) {
        if (bytes == 0) {
            throw new ImageRejectedException(Reason.MALFORMED, name + " is empty (0 bytes)");
        }
        if (bytes > limits.maxBytes()) {
            throw new ImageRejectedException(Reason.TOO_LARGE, name + " is " + bytes + " bytes; the limit is " + limits.maxBytes());
        }
    }

    private BufferedImage read(ImageReader reader, ImageInputStream in, String name) throws IOException {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, name + " is a " + format + " image; send PNG or JPEG");
        }
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if ((long) width * height > limits.maxPixels()) {
            throw new ImageRejectedException(Reason.TOO_LARGE, name + " is " + width + "x" + height + " = "
                    + (long) width * height + " pixels; the limit is " + limits.maxPixels());
        }
        List<String> warnings = new ArrayList<>();
        // a truncated JPEG decodes "successfully" with grey filling, announced only as a warning
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
            throw new ImageRejectedException(Reason.MALFORMED, name + " is corrupt or truncated: " + String.join("; ", warnings));
        }
        return image;
    }
}

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
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns uploaded bytes into an image the detector takes, refusing anything that is not a complete
 * PNG or JPEG within the limits. In order, each step cheaper than the next: the file size; the
 * format from the first bytes; the header (for PNG: every chunk's CRC) for the size, which must be
 * within the limits and what the model can take; for PNG, the whole compressed stream; then the
 * pixels, decoded with subsampling so that no raster larger than about twice the model's input
 * side ever exists, whatever the file's size or bit depth. Pixels are converted as
 * {@link ImageFiles#read} converts files; an image up to twice the model's input size (or any image
 * for a model scoring images at their own size) is decoded in full and scores exactly as offline.
 */
public final class ImageDecoder {
    private static final String SEND = "; send PNG or JPEG";

    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * Checks the file's size, format and header, and that the model can take an image of that size.
     *
     * @param name names the image in error messages
     * @throws ImageRejectedException when the bytes are not a PNG or JPEG within the limits
     */
    public ImageHeader inspect(byte[] bytes, String name, ModelInput model) {
        checkSize(bytes.length, name);
        ImageHeader header = switch (ImageFormat.scorable(bytes).orElseThrow(() -> notScorable(bytes, name))) {
            case PNG -> PngFile.scan(bytes, name).header();
            case JPEG -> jpegHeader(bytes, name);
        };
        checkPixels(header, name, model);
        return header;
    }

    /**
     * Decodes an image {@link #inspect}ed first, at the resolution the model needs.
     *
     * @throws ImageRejectedException when the bytes are corrupt or truncated
     */
    public FloatImage decode(byte[] bytes, ImageHeader header, String name, ModelInput model) {
        if (header.format().equals("png")) {
            PngFile.scan(bytes, name).checkImageData();
        }
        // memory cache: ImageIO's default file cache would write every upload to disk
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName(header.format()).next();
            try {
                reader.setInput(in, true, true);
                return ImageFiles.fromBufferedImage(read(reader, header, name, model));
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

    /** Whether the images of a batch may be decoded together. @throws ImageRejectedException when their decode cost is too high */
    public void checkBatch(List<ImageHeader> headers) {
        long cost = headers.stream().mapToLong(ImageHeader::decodeCost).sum();
        if (cost > limits.maxBatchCost()) {
            throw new ImageRejectedException(Reason.TOO_LARGE, "the batch's images have " + cost
                    + " pixels together (16-bit images count twice); the limit is " + limits.maxBatchCost());
        }
    }

    private void checkPixels(ImageHeader header, String name, ModelInput model) {
        if (header.pixels() > limits.maxPixels()) {
            throw new ImageRejectedException(Reason.TOO_LARGE, name + " is " + header.size() + " = " + header.pixels()
                    + " pixels; the limit is " + limits.maxPixels());
        }
        long maxCost = limits.maxCost(model);
        if (header.decodeCost() > maxCost) {
            boolean byScale = model.imageSize() > 0 && maxCost < limits.maxPixels();
            throw new ImageRejectedException(Reason.TOO_LARGE, name + " is " + header.size()
                    + (header.bitDepth() > 8 ? " with 16-bit samples (counting twice)" : "") + "; the limit for this model is " + maxCost
                    + " pixels" + (byScale ? " (" + limits.maxScale() + " times its input side of " + model.imageSize() + ", squared)" : "")
                    + ": shrink the image before sending it");
        }
        int shorter = Math.min(header.width(), header.height());
        if (shorter < model.patchSize() && !model.resizeSmall()) {
            throw new ImageRejectedException(Reason.UNSCORABLE, name + " is " + header.size() + ", smaller than the model's patch of "
                    + model.patchSize() + " pixels on a side; send an image at least " + model.patchSize() + " pixels wide and high");
        }
    }

    private BufferedImage read(ImageReader reader, ImageHeader header, String name, ModelInput model) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        int stepX = model.subsampling(header.width());
        int stepY = model.subsampling(header.height());
        // the middle pixel of each step: for an exact multiple of an odd step these are the pixels
        // the model's bilinear shrinking would sample
        param.setSourceSubsampling(stepX, stepY, (stepX - 1) / 2, (stepY - 1) / 2);
        List<String> warnings = new ArrayList<>();
        // a truncated JPEG decodes "successfully" with grey filling, announced only as a warning
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0, param);
        if (!warnings.isEmpty()) {
            throw new ImageRejectedException(Reason.MALFORMED, name + " is corrupt or truncated: " + String.join("; ", warnings));
        }
        return image;
    }

    private static ImageHeader jpegHeader(byte[] bytes, String name) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
            try {
                reader.setInput(in, true, true);
                return new ImageHeader("jpeg", reader.getWidth(0), reader.getHeight(0), 3, 8);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(Reason.MALFORMED, "cannot read the header of " + name + " (corrupt or truncated?): "
                    + e.getMessage());
        }
    }

    /** 415 for an image in another format, 400 for bytes that are no image at all. */
    private static ImageRejectedException notScorable(byte[] bytes, String name) {
        Optional<String> other = ImageFormat.otherFormat(bytes).or(() -> imageIoFormat(bytes));
        return other.map(format -> new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, name + " is a " + format + " image" + SEND))
                .orElseGet(() -> new ImageRejectedException(Reason.MALFORMED, name + " is not a PNG or JPEG image (unrecognised content)"));
    }

    private static Optional<String> imageIoFormat(byte[] bytes) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            return readers.hasNext() ? Optional.of(readers.next().getFormatName().toLowerCase(Locale.ROOT)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

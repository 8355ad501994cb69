package dev.parley.media;

import dev.parley.media.MediaRefusals.CorruptImage;
import dev.parley.media.MediaRefusals.TooManyPixels;
import dev.parley.media.MediaRefusals.UnsupportedMediaType;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Decodes an upload and encodes what is stored: the original at its own size and the variants that scale it down,
 * all without the upload's metadata (EXIF, GPS, comments), because only the pixels are written back. A JPEG's EXIF
 * orientation is applied to the pixels first.
 *
 * <p>The pixel limit is checked against the dimensions in the file's header before any pixel is decoded, so a small
 * file that claims a huge image (a decompression bomb) costs nothing. Decoding takes memory in proportion to the
 * pixels, so only as many images as there are processors are decoded at once.
 */
final class ImageTranscoder {

    static final float JPEG_QUALITY = 0.85f;

    /** What is stored for one upload: the original and the variants that are smaller than it. */
    record Transcoded(String contentType, int width, int height, Map<Variant, byte[]> objects) {}

    private final long maxPixels;
    private final Semaphore decoding = new Semaphore(Runtime.getRuntime().availableProcessors());

    ImageTranscoder(long maxPixels) {
        this.maxPixels = maxPixels;
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins();
    }

    Transcoded transcode(byte[] upload) {
        var type = ImageType.sniff(upload).orElseThrow(UnsupportedMediaType::new);
        decoding.acquireUninterruptibly();
        try {
            var image = decode(type, upload);
            if (type == ImageType.JPEG) {
                image = ExifOrientation.apply(image, ExifOrientation.of(upload));
            }
            boolean png = type == ImageType.PNG
                    || type == ImageType.GIF
                    || image.getColorModel().hasAlpha();
            int width = image.getWidth();
            int height = image.getHeight();
            var objects = new EnumMap<Variant, byte[]>(Variant.class);
            objects.put(Variant.ORIGINAL, encode(normalized(image, png), png));
            for (var variant : Variant.values()) {
                if (variant.scalesDown(width, height)) {
                    objects.put(variant, encode(scaled(image, variant.longestSide(), png), png));
                }
            }
            return new Transcoded(png ? "image/png" : "image/jpeg", width, height, objects);
        } finally {
            decoding.release();
        }
    }

    private BufferedImage decode(ImageType type, byte[] upload) {
        var readers = ImageIO.getImageReadersByFormatName(type.formatName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + type);
        }
        ImageReader reader = readers.next();
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(input, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new CorruptImage();
            }
            if (width <= 0 || height <= 0) {
                throw new CorruptImage();
            }
            if ((long) width * height > maxPixels) {
                throw new TooManyPixels(width, height, maxPixels);
            }
            var warnings = new ArrayList<String>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new CorruptImage();
            }
            // a truncated JPEG decodes with a warning ("Premature end of JPEG file") and grey where data is missing
            if (!warnings.isEmpty() || image == null) {
                throw new CorruptImage();
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
    }

    /** The image in a layout the PNG or JPEG writer takes as it is (JPEG: RGB without alpha). */
    private static BufferedImage normalized(BufferedImage image, boolean png) {
        int type = image.getType();
        boolean fits = png
                ? type != BufferedImage.TYPE_CUSTOM
                : type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR;
        return fits ? image : draw(image, image.getWidth(), image.getHeight(), png);
    }

    /** Scaled so that its longest side is {@code longestSide}, halving first so that large reductions stay smooth. */
    static BufferedImage scaled(BufferedImage image, int longestSide, boolean alpha) {
        double factor = (double) longestSide / Math.max(image.getWidth(), image.getHeight());
        int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        var current = image;
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, alpha);
        }
        return draw(current, width, height, alpha);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, boolean alpha) {
        var target = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        var graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            if (!alpha) {
                graphics.setColor(java.awt.Color.WHITE);
                graphics.fillRect(0, 0, width, height);
            }
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    private static byte[] encode(BufferedImage image, boolean png) {
        var bytes = new ByteArrayOutputStream();
        try {
            if (png) {
                if (!ImageIO.write(image, "png", bytes)) {
                    throw new IllegalStateException("No PNG writer for image type " + image.getType());
                }
                return bytes.toByteArray();
            }
            var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (var output = new MemoryCacheImageOutputStream(bytes)) {
                var parameters = writer.getDefaultWriteParam();
                parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                parameters.setCompressionQuality(JPEG_QUALITY);
                writer.setOutput(output);
                writer.write(null, new IIOImage(image, null, null), parameters);
            } finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.parley.media;

import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * The EXIF orientation of a JPEG (how a camera held sideways says its pixels must be turned), applied to the pixels
 * before the metadata is dropped; otherwise portrait photos would be stored lying on their side.
 */
final class ExifOrientation {

    static final int NORMAL = 1;

    private ExifOrientation() {}

    /** The orientation tag of the JPEG's EXIF segment, 1 to 8; {@link #NORMAL} when there is none or it is unreadable. */
    static int of(byte[] jpeg) {
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            for (var segment : JPEGSegmentUtil.readSegments(input, JPEG.APP1, "Exif")) {
                try (var data = segment.data()) {
                    data.read(); // the pad byte after the "Exif\0" identifier
                    var directory = new TIFFReader().read(ImageIO.createImageInputStream(data));
                    var entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
                    if (entry != null && entry.getValue() instanceof Number number) {
                        int orientation = number.intValue();
                        return orientation >= 1 && orientation <= 8 ? orientation : NORMAL;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return NORMAL;
        }
        return NORMAL;
    }

    /** The image turned and mirrored as the orientation says, so that it reads upright without metadata. */
    static BufferedImage apply(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirrored upside down
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // turn 90° clockwise
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w); // turn 90° counter-clockwise
            default -> null;
        };
        if (transform == null) {
            return image;
        }
        boolean swapped = orientation >= 5;
        var turned = new BufferedImage(
                swapped ? h : w,
                swapped ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        var graphics = turned.createGraphics();
        try {
            graphics.drawImage(image, transform, null);
        } finally {
            graphics.dispose();
        }
        return turned;
    }
}

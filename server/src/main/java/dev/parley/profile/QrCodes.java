package dev.parley.profile;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Draws QR codes (PNG and SVG) and finds one in a photo, with ZXing; knows the public address that links in QR codes
 * start with.
 */
@Component
public class QrCodes {

    static final int PNG_SIZE = 512;
    private static final Map<DecodeHintType, Object> PHOTO = Map.of(DecodeHintType.TRY_HARDER, true);
    private static final Map<DecodeHintType, Object> PURE =
            Map.of(DecodeHintType.TRY_HARDER, true, DecodeHintType.PURE_BARCODE, true);
    private static final Map<EncodeHintType, Object> ENCODING =
            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2);

    private final ProfileSettings settings;

    QrCodes(ProfileSettings settings) {
        this.settings = settings;
    }

    /** The server's public address (the configured link base, else the request's scheme and host), without a slash. */
    public String publicBase(ServerHttpRequest request) {
        var base = settings.linkBase();
        if (base == null || base.isBlank()) {
            var uri = request.getURI();
            base = uri.getScheme() + "://" + uri.getRawAuthority();
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public byte[] png(String text) {
        var out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix(text, PNG_SIZE), "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public String svg(String text) {
        var matrix = matrix(text, 0);
        int size = matrix.getWidth();
        var svg = new StringBuilder()
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(size)
                .append(' ')
                .append(size)
                .append(
                        "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"");
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (matrix.get(x, y)) {
                    svg.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return svg.append("\" fill=\"#000\"/></svg>").toString();
    }

    /** The text of the QR code in the photo. */
    String decode(byte[] photo) {
        if (photo.length > settings.maxQrUploadBytes()) {
            throw new ProfileRefusals.UnreadableImage(
                    "A photo for QR decoding has at most " + settings.maxQrUploadBytes() + " bytes");
        }
        var image = read(photo);
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        try {
            return new QRCodeReader().decode(bitmap, PHOTO).getText();
        } catch (NotFoundException | ChecksumException | FormatException inAPhoto) {
            try {
                // an image of the code alone (a screenshot, a saved PNG) is read more surely as a pure barcode
                return new QRCodeReader().decode(bitmap, PURE).getText();
            } catch (NotFoundException | ChecksumException | FormatException e) {
                throw new ProfileRefusals.NoQrCode();
            }
        }
    }

    /** Decodes the photo, refusing from its header alone one with too many pixels. */
    private BufferedImage read(byte[] photo) {
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(photo))) {
            var readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw new ProfileRefusals.UnreadableImage("The photo is not an image this server can read");
            }
            var reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > settings.maxQrUploadPixels()) {
                    throw new ProfileRefusals.UnreadableImage("The photo has too many pixels");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProfileRefusals.UnreadableImage refusal) {
                throw refusal;
            }
            throw new ProfileRefusals.UnreadableImage("The photo could not be read");
        }
    }

    private static BitMatrix matrix(String text, int size) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, ENCODING);
        } catch (com.google.zxing.WriterException e) {
            throw new IllegalStateException("an add-friend link always fits in a QR code", e);
        }
    }
}

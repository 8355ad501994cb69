package dev.parley.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrCodesTests {

    private final QrCodes qrCodes = new QrCodes(new ProfileSettings("", 20, 5 << 20, 25_000_000));
    private final Random random = new Random(42);

    private String randomLink() {
        var code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            code.append("abcdefghjkmnpqrstuvwxyz23456789".charAt(random.nextInt(31)));
        }
        return AddLinks.link("https://chat.example.org", code.toString());
    }

    @Test
    void everyDrawnCodeReadsBack() {
        for (int i = 0; i < 40; i++) {
            var link = randomLink();
            assertThat(qrCodes.decode(qrCodes.png(link))).isEqualTo(link);
        }
    }

    @Test
    void codesPhotographedOnABackgroundReadBack() throws Exception {
        for (int i = 0; i < 20; i++) {
            var link = randomLink();
            var qr = ImageIO.read(new ByteArrayInputStream(qrCodes.png(link)));
            var photo = new BufferedImage(1000, 800, BufferedImage.TYPE_INT_RGB);
            var graphics = photo.createGraphics();
            graphics.setColor(new Color(180 + random.nextInt(50), 170 + random.nextInt(50), 150 + random.nextInt(50)));
            graphics.fillRect(0, 0, 1000, 800);
            graphics.drawImage(qr, 100 + random.nextInt(300), 50 + random.nextInt(200), 380, 380, null);
            graphics.dispose();
            var jpeg = new ByteArrayOutputStream();
            ImageIO.write(photo, "jpg", jpeg);
            assertThat(qrCodes.decode(jpeg.toByteArray())).isEqualTo(link);
        }
    }

    @Test
    void svgIsAnSvgDocumentWithoutScript() {
        var svg = qrCodes.svg(randomLink());
        assertThat(svg)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .endsWith("</svg>")
                .doesNotContain("script");
    }

    @Test
    void photoWithTooManyPixelsIsRefusedFromItsHeader() {
        // a PNG header claiming 20000 x 20000 pixels, with no pixel data behind it
        var png = new byte[] {
            (byte) 0x89,
            'P',
            'N',
            'G',
            0x0D,
            0x0A,
            0x1A,
            0x0A,
            0,
            0,
            0,
            13,
            'I',
            'H',
            'D',
            'R',
            0,
            0,
            0x4E,
            0x20,
            0,
            0,
            0x4E,
            0x20,
            8,
            2,
            0,
            0,
            0,
            0,
            0,
            0,
            0
        };
        assertThatThrownBy(() -> qrCodes.decode(png))
                .isInstanceOfSatisfying(
                        ProfileRefusals.UnreadableImage.class,
                        e -> assertThat(e.getMessage()).contains("too many pixels"));
    }
}

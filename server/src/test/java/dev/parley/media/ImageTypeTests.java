package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageTypeTests {

    @Test
    void recognisesEachAcceptedFormatByItsBytes() {
        assertThat(ImageType.sniff(TestImages.jpeg(4, 4))).contains(ImageType.JPEG);
        assertThat(ImageType.sniff(TestImages.png(4, 4))).contains(ImageType.PNG);
        assertThat(ImageType.sniff(TestImages.gif(4, 4))).contains(ImageType.GIF);
        assertThat(ImageType.sniff(TestImages.WEBP)).contains(ImageType.WEBP);
    }

    @Test
    void refusesMarkupDocumentsAndOtherRiffFiles() {
        assertThat(ImageType.sniff(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>")))
                .isEmpty();
        assertThat(ImageType.sniff(ascii("<!DOCTYPE html><html><script>alert(1)</script>")))
                .isEmpty();
        assertThat(ImageType.sniff(ascii("%PDF-1.7\n"))).isEmpty();
        assertThat(ImageType.sniff(ascii("RIFF\0\0\0\0WAVEfmt "))).isEmpty();
        assertThat(ImageType.sniff(new byte[0])).isEmpty();
        assertThat(ImageType.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

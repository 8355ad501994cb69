package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.media.MediaRefusals.CorruptImage;
import dev.parley.media.MediaRefusals.TooManyPixels;
import dev.parley.media.MediaRefusals.UnsupportedMediaType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageTranscoderTests {

    private final ImageTranscoder transcoder = new ImageTranscoder(40_000_000);

    @Test
    void opaqueJpegStaysJpegWithVariantsScaledOnTheLongestSide() {
        var result = transcoder.transcode(TestImages.jpeg(2000, 1000));
        assertThat(result.contentType()).isEqualTo("image/jpeg");
        assertThat(result.width()).isEqualTo(2000);
        assertThat(result.height()).isEqualTo(1000);
        assertThat(size(result.objects().get(Variant.ORIGINAL))).isEqualTo("2000x1000");
        assertThat(size(result.objects().get(Variant.VIEW))).isEqualTo("1280x640");
        assertThat(size(result.objects().get(Variant.THUMBNAIL))).isEqualTo("160x80");
    }

    @Test
    void smallImageIsNeverScaledUp() {
        var result = transcoder.transcode(TestImages.png(100, 50));
        assertThat(result.objects()).containsOnlyKeys(Variant.ORIGINAL);
        var medium = transcoder.transcode(TestImages.png(500, 700));
        assertThat(medium.objects()).containsOnlyKeys(Variant.ORIGINAL, Variant.THUMBNAIL);
        assertThat(size(medium.objects().get(Variant.THUMBNAIL))).isEqualTo("114x160");
    }

    @Test
    void pngAndGifAreStoredAsPngAndKeepTransparency() {
        var png = transcoder.transcode(TestImages.png(300, 300));
        assertThat(png.contentType()).isEqualTo("image/png");
        var thumbnail = TestImages.decode(png.objects().get(Variant.THUMBNAIL));
        assertThat(thumbnail.getColorModel().hasAlpha()).isTrue();
        assertThat(thumbnail.getRGB(0, 0) >>> 24).isEqualTo(0xFF); // the corner was painted opaque
        assertThat(transcoder.transcode(TestImages.gif(20, 10)).contentType()).isEqualTo("image/png");
    }

    @Test
    void webpIsDecoded() {
        var result = transcoder.transcode(TestImages.WEBP);
        assertThat(result.width()).isEqualTo(1);
        assertThat(result.height()).isEqualTo(1);
        assertThat(TestImages.decode(result.objects().get(Variant.ORIGINAL))).isNotNull();
    }

    @Test
    void exifIsNotCarriedOver() {
        var upload = TestImages.jpegWithExif(400, 300);
        assertThat(TestImages.containsAscii(upload, "Exif")).isTrue();
        var result = transcoder.transcode(upload);
        assertThat(result.objects().values())
                .allSatisfy(bytes ->
                        assertThat(TestImages.containsAscii(bytes, "Exif")).isFalse());
    }

    @Test
    void exifOrientationIsAppliedToThePixelsBeforeItIsDropped() {
        var upload = TestImages.jpegWithOrientation(400, 300, 6);
        assertThat(ExifOrientation.of(upload)).isEqualTo(6);
        var result = transcoder.transcode(upload);
        assertThat(result.width()).isEqualTo(300);
        assertThat(result.height()).isEqualTo(400);
        var stored = TestImages.decode(result.objects().get(Variant.ORIGINAL));
        assertThat(stored.getWidth()).isEqualTo(300);
        // turned a quarter clockwise: the red top-left corner is now top-right
        assertThat(isRed(stored.getRGB(290, 10))).isTrue();
        assertThat(isRed(stored.getRGB(10, 10))).isFalse();
        assertThat(TestImages.containsAscii(result.objects().get(Variant.ORIGINAL), "Exif"))
                .isFalse();
    }

    @Test
    void everyOrientationEndsUpright() {
        for (int orientation = 1; orientation <= 8; orientation++) {
            var source = TestImages.picture(4, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
            source.setRGB(0, 0, 0xFF0000);
            var turned = ExifOrientation.apply(source, orientation);
            assertThat(turned.getWidth()).as("orientation %d", orientation).isEqualTo(orientation >= 5 ? 2 : 4);
            // where the stored top-left pixel lands when the picture is shown upright
            int[][] landing = {{0, 0}, {3, 0}, {3, 1}, {0, 1}, {0, 0}, {1, 0}, {1, 3}, {0, 3}};
            var at = landing[orientation - 1];
            assertThat(turned.getRGB(at[0], at[1]) & 0xFFFFFF)
                    .as("orientation %d", orientation)
                    .isEqualTo(0xFF0000);
        }
        assertThat(ExifOrientation.of(TestImages.jpeg(10, 10))).isEqualTo(ExifOrientation.NORMAL);
    }

    private static boolean isRed(int rgb) {
        int red = (rgb >> 16) & 0xFF;
        int green = (rgb >> 8) & 0xFF;
        int blue = rgb & 0xFF;
        return red > 200 && green < 60 && blue < 60;
    }

    @Test
    void hugeDimensionsAreRefusedFromTheHeaderAlone() {
        assertThatThrownBy(() -> transcoder.transcode(TestImages.pngClaiming(20_000, 20_000)))
                .isInstanceOf(TooManyPixels.class)
                .hasMessageContaining("20000×20000");
    }

    @Test
    void truncatedImagesAreCorrupt() {
        assertThatThrownBy(() -> transcoder.transcode(TestImages.truncated(TestImages.noisePng(200, 200))))
                .isInstanceOf(CorruptImage.class);
        assertThatThrownBy(() -> transcoder.transcode(TestImages.truncated(TestImages.jpeg(400, 300))))
                .isInstanceOf(CorruptImage.class);
    }

    @Test
    void anythingButTheFourFormatsIsUnsupported() {
        assertThatThrownBy(() -> transcoder.transcode(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnsupportedMediaType.class);
    }

    private static String size(byte[] image) {
        var decoded = TestImages.decode(image);
        return decoded.getWidth() + "x" + decoded.getHeight();
    }
}

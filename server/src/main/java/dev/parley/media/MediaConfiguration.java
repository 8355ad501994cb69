package dev.parley.media;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MediaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MediaConfiguration.class);

    @Bean
    MediaStorage mediaStorage(MediaSettings settings) {
        return switch (settings.storage()) {
            case FILESYSTEM -> new FileSystemStorage(Path.of(settings.directory()));
            case S3 -> S3Storage.connect(settings.s3());
        };
    }

    @Bean
    UrlSigner urlSigner(MediaSettings settings, Clock clock) {
        var secret = settings.signingSecret();
        byte[] key;
        if (secret == null || secret.isBlank()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            log.info("parley.media.signing-secret is not set: signed media links use a random key made at start-up;"
                    + " they stop working when this node restarts and are not valid on other nodes");
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
        return new UrlSigner(key, settings.linkLifetime(), clock);
    }

    @Bean
    ImageTranscoder imageTranscoder(MediaSettings settings) {
        return new ImageTranscoder(settings.maxPixels());
    }
}

package dev.parley.profile;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the profile feature.
 *
 * @param linkBase the public address of this server, for add-friend links (for example
 *     https://chat.example.org); empty means the address the request came to
 * @param searchPageSize results per page of a user search
 * @param maxQrUploadBytes the largest photo accepted for QR decoding
 * @param maxQrUploadPixels the most pixels a photo for QR decoding may have
 */
@ConfigurationProperties("parley.profile")
record ProfileSettings(String linkBase, int searchPageSize, int maxQrUploadBytes, long maxQrUploadPixels) {}

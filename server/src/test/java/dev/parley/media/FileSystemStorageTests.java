package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemStorageTests {

    @TempDir
    Path root;

    @Test
    void deletingTheLastVariantOfAContentRemovesItsDirectory() {
        var storage = new FileSystemStorage(root);
        var hash = MediaUploads.sha256("content".getBytes(StandardCharsets.UTF_8));
        var original = MediaLibrary.key(hash, Variant.ORIGINAL);
        var thumbnail = MediaLibrary.key(hash, Variant.THUMBNAIL);
        storage.store(original, new byte[] {1, 2, 3}, "image/png");
        storage.store(thumbnail, new byte[] {4}, "image/png");
        var directory = root.resolve(hash.substring(0, 2)).resolve(hash);

        storage.delete(original);
        assertThat(storage.exists(original)).isFalse();
        assertThat(storage.read(thumbnail))
                .hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(4));

        storage.delete(thumbnail);
        assertThat(storage.exists(thumbnail)).isFalse();
        assertThat(Files.exists(directory)).isFalse();
        storage.delete(thumbnail); // already gone: nothing happens
    }

    @Test
    void aKeyThatIsNotAContentAddressIsRefused() {
        var storage = new FileSystemStorage(root);
        assertThatThrownBy(() -> storage.delete("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}

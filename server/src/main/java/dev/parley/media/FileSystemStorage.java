package dev.parley.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Objects as files under a root directory: {@code <root>/<first two hex digits>/<sha-256>/<variant>}. A file is
 * written under a temporary name and renamed into place, so a reader never sees half an object.
 */
final class FileSystemStorage implements MediaStorage {

    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}/[a-z]+");

    private final Path root;

    FileSystemStorage(Path root) {
        this.root = root;
    }

    @Override
    public boolean store(String key, byte[] bytes, String contentType) {
        var target = path(key);
        if (Files.exists(target)) {
            return false;
        }
        try {
            Files.createDirectories(target.getParent());
            var temporary = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
            try {
                Files.write(temporary, bytes);
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<byte[]> read(String key) {
        try {
            return Optional.of(Files.readAllBytes(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(path(key));
    }

    /** Deletes the file, then its content's directory once that is empty. */
    @Override
    public void delete(String key) {
        var target = path(key);
        try {
            Files.deleteIfExists(target);
            Files.deleteIfExists(target.getParent());
        } catch (DirectoryNotEmptyException e) {
            // the content's other variants are still there
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a media key: " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key);
    }
}

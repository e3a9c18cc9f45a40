package org.tinybirdmaven.plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.maven.plugin.MojoExecutionException;

/** Writes a token to a file only its owner can read, where the file system has POSIX permissions. */
final class TokenFile {

    private TokenFile() {}

    /**
     * The token goes to a new owner-only file beside the target, then replaces it, so it is never readable by
     * others, not even briefly, and an existing file with wider permissions is not reused.
     */
    static void write(Path file, String token) throws MojoExecutionException {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(target.getParent(), ".token", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(target.getParent(), ".token", ".tmp");
            try {
                Files.writeString(temp, token, StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the token file " + target + ": " + e.getMessage(), e);
        }
    }
}

package io.webpaas.cli.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An exclusive lock on a file, held while one CLI process does what others must not do at
 * the same time (refresh the tokens, renew the certificate). OpenSSH may start several
 * {@code webpaas ssh-cert:load} at once, e.g. for parallel git fetches.
 */
public final class LockFile {
    private LockFile() {
    }

    public static <T> T withLock(Path lockFile, Supplier<T> action) {
        PrivateFiles.createDirectories(lockFile.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
             FileLock ignored = channel.lock()) {
            return action.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }
}

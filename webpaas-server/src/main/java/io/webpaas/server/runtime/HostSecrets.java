package io.webpaas.server.runtime;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What under the host's {@code /etc} others may not read: sshd's host keys, {@code /etc/ssl/private},
 * password hashes, database configuration. The sandbox's user is the runtime's user outside, root
 * when the runtime runs as root, so the sandbox hides these files behind {@code /dev/null} and these
 * directories behind an empty tmpfs. Walked again when a session starts more than {@link #FRESH}
 * after the last walk (about 5 ms), so a new secret is hidden from sessions soon after it appears.
 */
final class HostSecrets {
    private static final Duration FRESH = Duration.ofSeconds(10);

    /** Paths to hide, found by one walk. */
    record Hidden(List<Path> files, List<Path> directories) {
    }

    private record Walk(long atNanos, Hidden hidden) {
    }

    private final Path root;
    private volatile Walk last;

    HostSecrets(Path root) {
        this.root = root;
    }

    Hidden current() {
        Walk walk = last;
        long now = System.nanoTime();
        if (walk == null || now - walk.atNanos() > FRESH.toNanos()) {
            walk = new Walk(now, walk());
            last = walk;
        }
        return walk.hidden();
    }

    private Hidden walk() {
        List<Path> files = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                    if (permissions.contains(PosixFilePermission.OTHERS_READ)
                            && permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                        return FileVisitResult.CONTINUE;
                    }
                    directories.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile() && !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
                            .contains(PosixFilePermission.OTHERS_READ)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // gone meanwhile, or unreadable to the runtime itself
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot look for the host's secrets under " + root, e);
        }
        return new Hidden(List.copyOf(files), List.copyOf(directories));
    }
}

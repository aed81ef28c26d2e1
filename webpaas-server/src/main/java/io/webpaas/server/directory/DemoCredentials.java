package io.webpaas.server.directory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo users' passwords and the demo project, kept in {@code <dataDir>/demo-credentials}
 * (mode 0600) so every start can print them again; the database has only their hashes.
 *
 * @param passwords username to password, in the order they are printed
 */
public record DemoCredentials(String projectId, Map<String, String> passwords) {
    public static final String FILE = "demo-credentials";
    private static final String PROJECT = "project";

    public static Optional<DemoCredentials> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String user : DemoData.USERS) {
            passwords.put(user, properties.getProperty(user));
        }
        return Optional.of(new DemoCredentials(properties.getProperty(PROJECT), passwords));
    }

    /** Writes to a private temporary file, then renames it: readers never see half a file. */
    public void write(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path tmp = Files.createTempFile(dataDir, FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(tmp)) {
                out.write("# WebPaaS demo data, made at first start. Delete the data directory to start over.\n");
                out.write(PROJECT + "=" + projectId + "\n");
                for (Map.Entry<String, String> password : passwords.entrySet()) {
                    out.write(password.getKey() + "=" + password.getValue() + "\n");
                }
            }
            Files.move(tmp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.resolve(FILE), e);
        }
    }
}

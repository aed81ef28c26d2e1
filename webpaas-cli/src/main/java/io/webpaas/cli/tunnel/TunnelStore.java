package io.webpaas.cli.tunnel;

import io.webpaas.cli.api.Json;
import io.webpaas.cli.home.CliHome;
import io.webpaas.cli.home.LockFile;
import io.webpaas.cli.home.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.core.type.TypeReference;

/**
 * The open tunnels: {@code ~/.webpaas/tunnel-info.json} (what each tunnel leads to, with the
 * service's credentials, so mode 0600) and one PID file per tunnel under
 * {@code ~/.webpaas/tunnels/}, named by local port. A tunnel whose ssh is gone (killed, or the
 * machine restarted) is pruned whenever the list is read. Changes happen under a file lock.
 */
final class TunnelStore {
    private static final TypeReference<List<Tunnel>> TUNNELS = new TypeReference<>() {};

    private final CliHome home;

    TunnelStore(CliHome home) {
        this.home = home;
    }

    Path log() {
        return home.root().resolve("tunnels.log");
    }

    <T> T locked(Supplier<T> action) {
        return LockFile.withLock(home.root().resolve("tunnels.lock"), action);
    }

    /** The tunnels whose ssh still runs; the others are forgotten (call under the lock to write). */
    List<Tunnel> open() {
        List<Tunnel> recorded = read();
        List<Tunnel> alive = recorded.stream().filter(tunnel -> process(tunnel).isPresent()).toList();
        if (alive.size() != recorded.size()) {
            recorded.stream().filter(tunnel -> !alive.contains(tunnel)).forEach(tunnel -> PrivateFiles.delete(pidFile(tunnel)));
            write(alive);
        }
        return alive;
    }

    void add(Tunnel tunnel, long pid) {
        PrivateFiles.write(pidFile(tunnel), pid + "\n");
        List<Tunnel> tunnels = new ArrayList<>(read());
        tunnels.add(tunnel);
        tunnels.sort(Comparator.comparingInt(Tunnel::localPort));
        write(tunnels);
    }

    void remove(Tunnel tunnel) {
        PrivateFiles.delete(pidFile(tunnel));
        write(read().stream().filter(recorded -> recorded.localPort() != tunnel.localPort()).toList());
    }

    /**
     * The tunnel's ssh process, if it still runs: the PID in its file, still an ssh forwarding
     * this tunnel's port (a PID reused by another program after a restart does not count).
     */
    Optional<ProcessHandle> process(Tunnel tunnel) {
        Path pidFile = pidFile(tunnel);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(process -> process.info().arguments().map(List::of)
                            .map(arguments -> arguments.contains(tunnel.forwardSpec())).orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pidFile, e);
        }
    }

    private Path pidFile(Tunnel tunnel) {
        return home.root().resolve("tunnels").resolve(tunnel.localPort() + ".pid");
    }

    private Path infoFile() {
        return home.root().resolve("tunnel-info.json");
    }

    private List<Tunnel> read() {
        Path file = infoFile();
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Json.MAPPER.readValue(Files.readString(file), TUNNELS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void write(List<Tunnel> tunnels) {
        PrivateFiles.write(infoFile(), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tunnels));
    }
}

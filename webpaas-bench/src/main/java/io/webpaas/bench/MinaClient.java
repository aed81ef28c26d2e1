package io.webpaas.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The benchmark's own SSH client (MINA SSHD), for the runs that would otherwise need a thousand
 * {@code ssh} processes on the machine being measured: it logs in with the same key and user
 * certificate as {@code ssh}, with only the benchmark's cipher and curve25519-sha256 key
 * exchange (MINA's default, sntrup761x25519, is pure Java and its client half would make this
 * client, not the servers, the bottleneck). Host keys are not checked here; the {@code ssh}
 * runs check them.
 */
final class MinaClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SshClient client = SshClient.setUpDefaultClient();
    private final KeyPair identity;

    private MinaClient(KeyPair identity) {
        this.identity = identity;
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setCipherFactories(List.of(BuiltinCiphers.aes128gcm));
        client.setKeyExchangeFactories(List.of(ClientBuilder.DH2KEX.apply(BuiltinDHFactories.curve25519)));
        client.start();
    }

    /** With the OpenSSH private key at {@code key} and the certificate text for it. */
    static MinaClient of(Path key, String certificate) throws IOException, GeneralSecurityException {
        KeyPair pair;
        try (InputStream in = Files.newInputStream(key)) {
            pair = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(key.toString()), in, null).iterator()
                    .next();
        }
        PublicKey certified = PublicKeyEntry.parsePublicKeyEntry(certificate).resolvePublicKey(null, null,
                PublicKeyEntryResolver.FAILING);
        return new MinaClient(new KeyPair(certified, pair.getPrivate()));
    }

    ClientSession login(String user, int port) throws IOException {
        ClientSession session = client.connect(user, "127.0.0.1", port).verify(TIMEOUT).getSession();
        try {
            session.addPublicKeyIdentity(identity);
            session.auth().verify(TIMEOUT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    /** A new connection with an interactive shell on a terminal, left idle (its output is thrown away). */
    ClientSession idleShell(String user, int port) throws IOException {
        ClientSession session = login(user, port);
        ChannelShell shell = session.createShellChannel();
        shell.setOut(OutputStream.nullOutputStream());
        shell.setErr(OutputStream.nullOutputStream());
        shell.open().verify(TIMEOUT);
        return session;
    }

    /** Opens {@code count} idle shells, {@code parallel} at a time. */
    List<ClientSession> idleShells(String user, int port, int count, int parallel) throws Exception {
        List<Future<ClientSession>> opening = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            for (int i = 0; i < count; i++) {
                opening.add(pool.submit(() -> idleShell(user, port)));
            }
        }
        List<ClientSession> sessions = new ArrayList<>();
        for (Future<ClientSession> future : opening) {
            sessions.add(future.get());
        }
        return sessions;
    }

    /** One complete session: connect, authenticate, {@code exec true}, wait for its exit status, disconnect. */
    void execTrue(String user, int port) throws IOException {
        try (ClientSession session = login(user, port); ChannelExec exec = session.createExecChannel("true")) {
            exec.setOut(OutputStream.nullOutputStream());
            exec.setErr(OutputStream.nullOutputStream());
            exec.open().verify(TIMEOUT);
            exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
            if (!Integer.valueOf(0).equals(exec.getExitStatus())) {
                throw new IOException("exec true exited " + exec.getExitStatus());
            }
        }
    }

    /** Closed loop of {@link #execTrue} on {@code clients} threads for {@code duration}. */
    Timings sessionRate(String user, int port, int clients, Duration duration) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        List<Future<Timings.Recorder>> futures = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    Timings.Recorder recorder = new Timings.Recorder();
                    while (System.nanoTime() < end) {
                        long began = System.nanoTime();
                        try {
                            execTrue(user, port);
                            recorder.took(System.nanoTime() - began);
                        } catch (IOException | RuntimeException e) {
                            recorder.failed(e);
                        }
                    }
                    return recorder;
                }));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Timings.Recorder> recorders = new ArrayList<>();
        for (Future<Timings.Recorder> future : futures) {
            recorders.add(future.get());
        }
        return Timings.of(recorders, seconds);
    }

    @Override
    public void close() {
        client.stop();
    }
}

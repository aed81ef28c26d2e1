package io.webpaas.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.sshd.client.session.ClientSession;

/**
 * {@code bin/bench-gateway}: the gateway against an OpenSSH {@code sshd} (the app) on loopback,
 * beside that sshd reached directly and through a second sshd as a {@code ProxyJump} bastion,
 * with one cipher everywhere. It starts everything itself in a temporary directory: the two
 * sshds, the server jar (roles auth and gateway, H2, demo data), a project whose app runs on
 * the sshd, and a key with a user certificate; then it measures
 * <ol>
 *   <li>connect + authenticate + {@code exec true} with the real {@code ssh}, per path;</li>
 *   <li>the throughput of a stream from the far end, per path;</li>
 *   <li>idle interactive sessions held through the gateway and the gateway's live heap per
 *       session (opened by the benchmark's MINA client, not a thousand ssh processes);</li>
 *   <li>complete new sessions per second through the gateway (and, for scale, to the sshd).</li>
 * </ol>
 *
 * <pre>
 *   --server-jar webpaas-server/target/webpaas-server.jar
 *   --rounds 20        ssh runs per path for the latency
 *   --stream-mib 1024  size of the stream
 *   --sessions 1000    idle sessions
 *   --rate-clients 32  concurrent clients for the session rate (16 left a core partly idle)
 *   --rate-seconds 10  per target
 *   --parts 1,2,3,4    which measurements to run
 *   --server-option X  a JVM option for the server (repeatable), in place of -XX:+UseParallelGC
 *                      (bin/webpaas-server's), e.g. -XX:+UseZGC
 * </pre>
 */
public final class GatewayBenchmark {
    static final String CIPHER = "aes128-gcm@openssh.com";
    private static final int MIB = 1 << 20;
    private static final int STREAM_ROUNDS = 5;

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path dir = Files.createTempDirectory("bench-gateway");
        // on Ctrl-C or a timeout's SIGTERM too: the server and the sshds must not outlive the benchmark
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants()
                .forEach(ProcessHandle::destroy)));
        try {
            run(options, dir);
        } finally {
            delete(dir);
        }
    }

    private static void run(Options options, Path dir) throws Exception {
        System.out.printf("Gateway benchmark: OpenSSH %s on loopback as the app, %s on every leg, %d cores%n",
                sshdVersion(), CIPHER, Runtime.getRuntime().availableProcessors());
        System.out.println("Starting the server (roles auth and gateway, temporary data directory)...");
        try (WebpaasServer server = WebpaasServer.start(options.serverJar(), dir.resolve("server"),
                options.serverOptions())) {
            server.signIn();
            List<String> trusted = new ArrayList<>(server.authorities("/ssh/internal-authority"));
            trusted.addAll(server.authorities("/ssh/authority"));
            // user certificates and the gateway's internal ones both name the user's UUID
            String principal = server.userUuid();
            // the app sshd is the gateway's upstream, so it shows a host certificate as runtimes do
            try (Sshd app = Sshd.start(dir.resolve("app-sshd"), CIPHER, trusted, principal,
                    hostKey -> server.hostCertificate(hostKey, "127.0.0.1"));
                 Sshd bastion = Sshd.start(dir.resolve("bastion-sshd"), CIPHER, trusted, principal, hostKey -> null)) {
                String project = server.projectOn(app.port()); // before the certificate, which lists the projects
                Path key = dir.resolve("id_ed25519");
                Commands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", key.toString());
                String certificate = server.certificate(Files.readString(Path.of(key + ".pub")).strip());
                Path certificateFile = Files.writeString(Path.of(key + "-cert.pub"), certificate + "\n");
                OpenSshClient ssh = OpenSshClient.configure(dir, key, certificateFile, CIPHER, server.sshPort(),
                        project, server.authorities("/ssh/host-authority"), app, bastion);
                if (options.parts().contains(1)) {
                    latency(ssh, options.rounds());
                }
                if (options.parts().contains(2)) {
                    throughput(server, ssh, (long) options.streamMib() * MIB);
                }
                try (MinaClient mina = MinaClient.of(key, certificate)) {
                    if (options.parts().contains(3)) {
                        idleSessions(server, mina, project, options.sessions());
                    }
                    if (options.parts().contains(4)) {
                        sessionRate(server, mina, project, app.port(), options);
                    }
                }
            }
        }
    }

    private static void latency(OpenSshClient ssh, int rounds) throws Exception {
        System.out.printf("%n1. connect + authenticate + exec true, real ssh, %d runs per path (interleaved, after 5 "
                + "warm-up runs each)%n", rounds);
        for (int i = 0; i < 5; i++) {
            for (String path : OpenSshClient.PATHS) {
                ssh.execTrue(path);
            }
        }
        Map<String, double[]> seconds = new LinkedHashMap<>();
        OpenSshClient.PATHS.forEach(path -> seconds.put(path, new double[rounds]));
        for (int i = 0; i < rounds; i++) {
            for (String path : OpenSshClient.PATHS) {
                seconds.get(path)[i] = ssh.execTrue(path);
            }
        }
        System.out.println("   path        p50 s    p90 s    min s");
        seconds.forEach((path, values) -> {
            Timings timings = Timings.ofSeconds(values);
            System.out.printf("   %-9s %7.3f  %7.3f  %7.3f%n", path, timings.percentileSeconds(50),
                    timings.percentileSeconds(90), timings.percentileSeconds(0));
        });
        printLoad();
    }

    private static void throughput(WebpaasServer server, OpenSshClient ssh, long bytes) throws Exception {
        System.out.printf("%n2. stream of %d MiB from the far end (head -c ... /dev/zero), real ssh, first byte to last, "
                + "after a 512 MiB warm-up per path; %d rounds, the paths interleaved in each (this VM's speed drifts "
                + "within a minute); CPU time per GiB is less sensitive to other load (the machine's counts each whole "
                + "ssh run, its handshakes too)%n",
                bytes / MIB, STREAM_ROUNDS);
        for (String path : OpenSshClient.PATHS) {
            ssh.stream(path, 512L * MIB); // the gateway's JIT compiler has work to do first
        }
        Map<String, double[]> rates = new LinkedHashMap<>();
        Map<String, double[]> machineCpu = new LinkedHashMap<>();
        OpenSshClient.PATHS.forEach(path -> {
            rates.put(path, new double[STREAM_ROUNDS]);
            machineCpu.put(path, new double[STREAM_ROUNDS]);
        });
        double gib = bytes / (double) (1L << 30);
        double cpu = Double.MAX_VALUE;
        for (int round = 0; round < STREAM_ROUNDS; round++) {
            for (String path : OpenSshClient.PATHS) {
                Duration before = server.cpuTime();
                Duration machineBefore = ProcessCpu.ofMachine();
                rates.get(path)[round] = ssh.stream(path, bytes);
                machineCpu.get(path)[round] = ProcessCpu.ofMachine().minus(machineBefore).toNanos() / 1e9 / gib;
                if (path.equals("gateway")) {
                    cpu = Math.min(cpu, server.cpuTime().minus(before).toNanos() / 1e9 / gib);
                }
            }
        }
        String gatewayCpu = "%.2f".formatted(cpu);
        System.out.println("   path      median MiB/s   best MiB/s   machine CPU s/GiB (median)   gateway CPU s/GiB (least)");
        rates.forEach((path, values) -> System.out.printf("   %-9s %12.0f %12.0f   %26.2f   %s%n", path, median(values),
                Arrays.stream(values).max().orElseThrow(), median(machineCpu.get(path)),
                path.equals("gateway") ? gatewayCpu : "-"));
        double[] ratios = new double[STREAM_ROUNDS];
        for (int round = 0; round < STREAM_ROUNDS; round++) {
            ratios[round] = rates.get("gateway")[round] / rates.get("jump")[round];
        }
        System.out.printf("   gateway / ProxyJump in the same round: median %.2f (%s)%n", median(ratios),
                String.join(", ", Arrays.stream(ratios).mapToObj("%.2f"::formatted).toList()));
        printLoad();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static void idleSessions(WebpaasServer server, MinaClient mina, String project, int count)
            throws Exception {
        System.out.printf("%n3. %d idle interactive sessions (shell on a pty) through the gateway, opened 32 at a time "
                + "by the benchmark's MINA client; gateway heap = live bytes after a full GC (jcmd GC.class_histogram)%n",
                count);
        mina.idleShell(project, server.sshPort()).close(); // a first session, so class loading and caches are not counted
        long before = server.liveHeapBytes();
        long start = System.nanoTime();
        List<ClientSession> sessions = mina.idleShells(project, server.sshPort(), count, 32);
        double opening = (System.nanoTime() - start) / 1e9;
        Thread.sleep(3000); // the shells print their prompts and settle
        long open = sessions.stream().filter(ClientSession::isOpen).count();
        long held = server.liveHeapBytes();
        for (ClientSession session : sessions) {
            session.close(true);
        }
        Thread.sleep(35_000); // the gateway keeps each runtime connection 30 s for the user's next session
        long after = server.liveHeapBytes();
        System.out.println("   sessions held   opened in   heap before   heap held   per session   35 s after closing");
        System.out.printf("   %13d   %7.1f s   %8.1f MiB   %6.1f MiB   %7.1f KiB   %13.1f MiB%n", open, opening,
                before / (double) MIB, held / (double) MIB, (held - before) / 1024.0 / count, after / (double) MIB);
        printLoad();
    }

    private static void sessionRate(WebpaasServer server, MinaClient mina, String project, int sshdPort,
                                    Options options) throws Exception {
        System.out.printf("%n4. new sessions per second: connect + authenticate + exec true + disconnect, %d MINA "
                + "clients in a closed loop, %d s each; the gateway's CPU time per session says what a core "
                + "would sustain, the generator's and the rest's where the other core went%n",
                options.rateClients(), options.rateSeconds());
        Duration duration = Duration.ofSeconds(options.rateSeconds());
        JitWarmUp.Result warmUp = JitWarmUp.run(server.pid(),
                length -> mina.sessionRate(project, server.sshPort(), options.rateClients(), length));
        System.out.printf("   (%s)%n", warmUp.describe("gateway"));
        System.out.println("   target              sessions/s    p50 s    p99 s   errors   CPU ms/session: gateway"
                + "  generator  rest (sshd)");
        measureRate("gateway", server, () -> mina.sessionRate(project, server.sshPort(), options.rateClients(),
                duration));
        measureRate("sshd (direct)", null, () -> mina.sessionRate(System.getProperty("user.name"), sshdPort,
                options.rateClients(), duration));
        printLoad();
    }

    /**
     * One line of part 4, with where the two cores went per session: the gateway (when it is
     * in the path), this JVM generating the load, and the rest of the machine (mostly the sshd
     * and the shell it forks for each exec).
     */
    private static void measureRate(String target, WebpaasServer gateway, Callable<Timings> run) throws Exception {
        Duration gatewayBefore = gateway == null ? Duration.ZERO : gateway.cpuTime();
        Duration generatorBefore = ProcessCpu.ofThisProcess();
        Duration machineBefore = ProcessCpu.ofMachine();
        Timings timings = run.call();
        double sessions = Math.max(1, timings.nanos().length);
        double gatewayCpu = gateway == null ? 0 : gateway.cpuTime().minus(gatewayBefore).toNanos() / 1e6 / sessions;
        double generatorCpu = ProcessCpu.ofThisProcess().minus(generatorBefore).toNanos() / 1e6 / sessions;
        double machineCpu = ProcessCpu.ofMachine().minus(machineBefore).toNanos() / 1e6 / sessions;
        print(target, timings, "%29s  %9.1f  %11.1f".formatted(gateway == null ? "-" : "%.1f".formatted(gatewayCpu),
                generatorCpu, machineCpu - gatewayCpu - generatorCpu));
    }

    private static void print(String target, Timings timings, String cpu) {
        System.out.printf("   %-17s %12.0f  %7.3f  %7.3f  %7d   %s%n", target, timings.perSecond(),
                timings.percentileSeconds(50), timings.percentileSeconds(99), timings.errors(), cpu);
        timings.firstError().ifPresent(error -> System.out.println("   first error: " + error));
    }

    /** The load average says whether other work competed for the CPUs during a part. */
    private static void printLoad() {
        System.out.printf("   (load average %.1f)%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String sshdVersion() throws IOException, InterruptedException {
        Process sshd = new ProcessBuilder("/usr/sbin/sshd", "-V").redirectErrorStream(true).start();
        String version = new String(sshd.getInputStream().readAllBytes()).strip();
        sshd.waitFor();
        return version.replaceFirst("^OpenSSH_([^ ,]+).*", "$1");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    record Options(Path serverJar, int rounds, int streamMib, int sessions, int rateClients, int rateSeconds,
                   List<Integer> parts, List<String> serverOptions) {
        static Options parse(String[] args) {
            List<Integer> parts = List.of(1, 2, 3, 4);
            List<String> serverOptions = new ArrayList<>();
            Path serverJar = Path.of("webpaas-server/target/webpaas-server.jar");
            int rounds = 20;
            int streamMib = 1024;
            int sessions = 1000;
            int rateClients = 32;
            int rateSeconds = 10;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--server-jar" -> serverJar = Path.of(value);
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--stream-mib" -> streamMib = Integer.parseInt(value);
                    case "--sessions" -> sessions = Integer.parseInt(value);
                    case "--rate-clients" -> rateClients = Integer.parseInt(value);
                    case "--rate-seconds" -> rateSeconds = Integer.parseInt(value);
                    case "--parts" -> parts = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf)
                            .toList();
                    case "--server-option" -> serverOptions.add(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (use --server-jar, "
                            + "--rounds, --stream-mib, --sessions, --rate-clients, --rate-seconds, --parts, --server-option)");
                }
            }
            if (!Files.isRegularFile(serverJar)) {
                throw new IllegalArgumentException("no server jar at " + serverJar + " (mvn -pl webpaas-server -am package)");
            }
            return new Options(serverJar, rounds, streamMib, sessions, rateClients, rateSeconds, parts,
                    // without options, as bin/webpaas-server
                    serverOptions.isEmpty() ? List.of("-XX:+UseParallelGC") : List.copyOf(serverOptions));
        }
    }
}

package io.webpaas.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/bench-certifier}: measures the Certifier against a running server (certificates per
 * second over HTTP with a fresh Ed25519 key per request and the token check in the path, p50/p99
 * latency at several concurrency levels) and the raw in-process signing rate of an Ed25519 CA.
 *
 * <pre>
 *   --url http://127.0.0.1:8080     the running server (loopback only)
 *   --token-file data/demo-api-token an API token, exchanged for an access token
 *   --clients 1,8,32                concurrency levels
 *   --duration 10s                  per level
 *   --warmup 10s                    first, at the most clients: lets the server's thread pool grow
 *                                   to the load; with the server's process known, it goes on in
 *                                   10 s rounds until the JIT compilers have settled (90 s at most)
 *   --rate 2000                     then the most clients again, paced to share this many
 *                                   requests per second (0: skip)
 *   --server-pid PID                the server's process: report its CPU time per certificate
 * </pre>
 */
public final class CertifierBenchmark {
    /**
     * Keys made up front per measured second: above what two cores certify; more are made on the
     * fly if needed. The warm-up makes its own as it goes.
     */
    private static final int KEYS_PER_SECOND = 8_000;

    private CertifierBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(Options.parse(args));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Options options) throws Exception {
        if (!Files.isReadable(options.tokenFile())) {
            throw new IOException("no API token at " + options.tokenFile()
                    + ": start the server first (bin/webpaas-server writes data/demo-api-token) or pass --token-file");
        }
        System.out.printf("In-process signing (Ed25519 CA, one thread): %,.0f certificates/s%n",
                SigningRate.measure(Duration.ofSeconds(3)));

        String apiToken = Files.readString(options.tokenFile()).strip();
        String accessToken = AccessTokens.exchange(options.url(), apiToken);
        FreshKeys keys = new FreshKeys();
        HttpLoad load = new HttpLoad(options.url(), accessToken, keys);
        int mostClients = options.clients().stream().max(Integer::compare).orElseThrow();
        System.out.printf("Warming up %s for %d s at %d clients...%n", options.url(), options.warmup().toSeconds(),
                mostClients);
        load.run(mostClients, options.warmup(), 0);
        if (options.serverPid() != null) {
            JitWarmUp.Result warmUp = JitWarmUp.run(options.serverPid(), length -> load.run(mostClients, length, 0));
            System.out.printf("   (then %s)%n", warmUp.describe("server"));
        }
        int keysUpFront = Math.toIntExact(options.measuredSeconds() * KEYS_PER_SECOND);
        System.out.printf("Making %,d fresh Ed25519 keys, one per measured request...%n", keysUpFront);
        keys.make(keysUpFront);
        ProcessCpu server = options.serverPid() == null ? null : ProcessCpu.of(options.serverPid());
        System.out.printf("POST /ssh, fresh Ed25519 key per request, %d s per level:%n", options.duration().toSeconds());
        System.out.println(" clients      rate   certs/s      p50 ms    p99 ms   errors   load avg"
                + "   CPU ms/cert: server  bench");
        for (int clients : options.clients()) {
            measure(load, server, clients, 0, options.duration());
        }
        if (options.rate() > 0) {
            measure(load, server, mostClients, options.rate(), options.duration());
        }
    }

    private static void measure(HttpLoad load, ProcessCpu server, int clients, int rate, Duration duration)
            throws Exception {
        Duration serverBefore = server == null ? Duration.ZERO : server.used();
        Duration benchBefore = ProcessCpu.ofThisProcess();
        long madeBefore = load.keysMadeOnDemand();
        HttpLoad.Result result = load.run(clients, duration, rate);
        String serverCpu = server == null ? "-" : "%.3f".formatted(perCertificate(server.used().minus(serverBefore), result));
        // the machine's load average tells whether other work competed for the CPUs
        System.out.printf("%8d %9s %9.0f %11.2f %9.2f %8d %10.1f %20s %6.3f%n", clients,
                rate == 0 ? "closed" : Integer.toString(rate), result.perSecond(),
                result.percentileMillis(50), result.percentileMillis(99), result.errors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), serverCpu,
                perCertificate(ProcessCpu.ofThisProcess().minus(benchBefore), result));
        result.firstError().ifPresent(error -> System.out.println("         first error: " + error));
        long madeOnTheClock = load.keysMadeOnDemand() - madeBefore;
        if (madeOnTheClock > 0) {
            System.out.printf("         %,d keys ran out of stock and were made during this run%n", madeOnTheClock);
        }
    }

    private static double perCertificate(Duration cpu, HttpLoad.Result result) {
        return cpu.toNanos() / 1e6 / Math.max(1, result.count());
    }

    record Options(URI url, Path tokenFile, List<Integer> clients, Duration duration, Duration warmup, int rate,
                   Long serverPid) {
        /** How long the server is measured: the levels and the paced run. */
        long measuredSeconds() {
            return duration.toSeconds() * (clients.size() + (rate > 0 ? 1 : 0));
        }

        static Options parse(String[] args) {
            URI url = URI.create("http://127.0.0.1:8080");
            Path tokenFile = Path.of("data/demo-api-token");
            List<Integer> clients = List.of(1, 8, 32);
            Duration duration = Duration.ofSeconds(10);
            Duration warmup = Duration.ofSeconds(10);
            int rate = 2000;
            Long serverPid = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--url" -> url = URI.create(require(args[i], value));
                    case "--token-file" -> tokenFile = Path.of(require(args[i], value));
                    case "--clients" -> clients = Arrays.stream(require(args[i], value).split(","))
                            .map(String::trim).map(Integer::valueOf).toList();
                    case "--duration" -> duration = seconds(require(args[i], value));
                    case "--warmup" -> warmup = seconds(require(args[i], value));
                    case "--rate" -> rate = Integer.parseInt(require(args[i], value));
                    case "--server-pid" -> serverPid = Long.valueOf(require(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (use --url, --token-file, --clients, --duration, --warmup, --rate, --server-pid)");
                }
                i++;
            }
            if (!List.of("127.0.0.1", "localhost", "[::1]").contains(url.getHost())) {
                throw new IllegalArgumentException("the benchmark only targets loopback servers, not " + url.getHost());
            }
            return new Options(url, tokenFile, clients, duration, warmup, rate, serverPid);
        }

        private static Duration seconds(String value) {
            return Duration.ofSeconds(Long.parseLong(value.replaceFirst("s$", "")));
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}

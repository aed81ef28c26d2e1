package io.webpaas.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/**
 * Closed-loop load on {@code POST /ssh}: each client makes a fresh Ed25519 key, asks for a
 * certificate, and only then asks again. Latency covers the HTTP exchange only, not the key
 * generation a real client would do on its own machine.
 */
final class HttpLoad {
    private final URI endpoint;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpLoad(URI server, String accessToken) {
        this.endpoint = server.resolve("/ssh");
        this.authorization = "Bearer " + accessToken;
    }

    record Result(int clients, long count, long errors, Optional<String> firstError, double seconds, long[] micros) {
        double perSecond() {
            return count / seconds;
        }

        double percentileMillis(int percentile) {
            if (micros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * micros.length) - 1;
            return micros[Math.max(0, index)] / 1000.0;
        }
    }

    Result run(int clients, Duration duration) throws Exception {
        List<Future<Client>> futures = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> new Client().run(end)));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long errors = 0;
        Optional<String> firstError = Optional.empty();
        long[] all = new long[0];
        for (Future<Client> future : futures) {
            Client client = future.get();
            errors += client.errors;
            if (firstError.isEmpty()) {
                firstError = Optional.ofNullable(client.firstError);
            }
            int from = all.length;
            all = Arrays.copyOf(all, from + client.count);
            System.arraycopy(client.micros, 0, all, from, client.count);
        }
        Arrays.sort(all);
        return new Result(clients, all.length, errors, firstError, seconds, all);
    }

    /** One closed-loop client; only its own thread touches it until {@link #run} returns. */
    private final class Client {
        private long[] micros = new long[4096];
        private int count;
        private long errors;
        private String firstError;

        Client run(long end) throws Exception {
            while (System.nanoTime() < end) {
                KeyPair key = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
                HttpRequest request = HttpRequest.newBuilder(endpoint)
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"key\":\"" + PublicKeyEntry.toString(key.getPublic()) + "\"}"))
                        .build();
                long sent = System.nanoTime();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long took = (System.nanoTime() - sent) / 1000;
                if (response.statusCode() == 200 && response.body().contains("-cert-v01@openssh.com")) {
                    record(took);
                } else {
                    errors++;
                    if (firstError == null) {
                        firstError = "HTTP " + response.statusCode() + " " + response.body();
                    }
                }
            }
            return this;
        }

        private void record(long took) {
            if (count == micros.length) {
                micros = Arrays.copyOf(micros, count * 2);
            }
            micros[count++] = took;
        }
    }
}

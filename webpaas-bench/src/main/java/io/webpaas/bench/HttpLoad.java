package io.webpaas.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop load on {@code POST /ssh}: each client, on its own keep-alive connection, asks
 * for a certificate for a key never used before, and asks again once it has the answer.
 */
final class HttpLoad {
    private final URI endpoint;
    private final String authorization;
    private final FreshKeys keys;

    HttpLoad(URI server, String accessToken, FreshKeys keys) {
        this.endpoint = server.resolve("/ssh");
        this.authorization = "Bearer " + accessToken;
        this.keys = keys;
    }

    record Result(long count, long errors, Optional<String> firstError, double seconds, long[] micros) {
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
        return new Result(all.length, errors, firstError, seconds, all);
    }

    /** One closed-loop client; only its own thread touches it until {@link #run} returns. */
    private final class Client {
        private long[] micros = new long[4096];
        private int count;
        private long errors;
        private String firstError;

        Client run(long end) throws Exception {
            try (LoopbackHttp http = new LoopbackHttp(endpoint, authorization)) {
                while (System.nanoTime() < end) {
                    String body = keys.next();
                    long sent = System.nanoTime();
                    LoopbackHttp.Response response = http.post(body);
                    long took = (System.nanoTime() - sent) / 1000;
                    if (response.status() == 200 && response.body().contains("-cert-v01@openssh.com")) {
                        record(took);
                    } else {
                        errors++;
                        if (firstError == null) {
                            firstError = "HTTP " + response.status() + " " + response.body();
                        }
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

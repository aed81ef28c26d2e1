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
import java.util.concurrent.locks.LockSupport;

/**
 * Load on {@code POST /ssh}: each client, on its own keep-alive connection, asks for a
 * certificate for a key never used before. Closed loop: it asks again as soon as it has the
 * answer, so the clients find the server's saturation point. Paced: the clients share a fixed
 * request rate, each sending on its own schedule, and a request's latency counts from when it
 * was due, so a slow answer also counts against the requests it delayed.
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

    long keysMadeOnDemand() {
        return keys.madeOnDemand();
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

    /** @param rate requests per second shared by the clients, or 0 for a closed loop */
    Result run(int clients, Duration duration, int rate) throws Exception {
        List<Future<Client>> futures = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = rate == 0 ? 0 : clients * 1_000_000_000L / rate;
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                long first = start + i * interval / clients; // spread out, not all at once
                futures.add(pool.submit(() -> new Client().run(first, interval, end)));
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

    /** One client; only its own thread touches it until {@link #run} returns. */
    private final class Client {
        private long[] micros = new long[4096];
        private int count;
        private long errors;
        private String firstError;

        /** @param interval between requests when paced, 0 for a closed loop */
        Client run(long first, long interval, long end) throws Exception {
            try (LoopbackHttp http = new LoopbackHttp(endpoint, authorization)) {
                for (long due = first; due < end && System.nanoTime() < end; due += interval) {
                    String body = keys.next();
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    long sent = interval == 0 ? System.nanoTime() : due;
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

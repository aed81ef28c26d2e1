package io.webpaas.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Durations of completed operations, sorted, and the failures beside them. */
record Timings(long[] nanos, long errors, Optional<String> firstError, double seconds) {
    static Timings of(List<Recorder> recorders, double seconds) {
        long[] all = recorders.stream().flatMapToLong(recorder -> Arrays.stream(recorder.nanos, 0, recorder.count))
                .sorted().toArray();
        return new Timings(all, recorders.stream().mapToLong(recorder -> recorder.errors).sum(),
                recorders.stream().map(recorder -> recorder.firstError).filter(error -> error != null).findFirst(),
                seconds);
    }

    static Timings ofSeconds(double[] seconds) {
        return new Timings(Arrays.stream(seconds).mapToLong(value -> (long) (value * 1e9)).sorted().toArray(), 0,
                Optional.empty(), Arrays.stream(seconds).sum());
    }

    double perSecond() {
        return nanos.length / seconds;
    }

    double percentileSeconds(int percentile) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percentile / 100.0 * nanos.length) - 1;
        return nanos[Math.max(0, index)] / 1e9;
    }

    /** One thread's record; only that thread touches it until it is handed over. */
    static final class Recorder {
        private long[] nanos = new long[1024];
        private int count;
        private long errors;
        private String firstError;

        void took(long duration) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
            }
            nanos[count++] = duration;
        }

        void failed(Exception e) {
            errors++;
            if (firstError == null) {
                firstError = e.toString();
            }
        }
    }
}

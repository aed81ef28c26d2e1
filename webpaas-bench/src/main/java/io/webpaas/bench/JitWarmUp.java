package io.webpaas.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * Runs rounds of load until the JIT compilers of the server and of this generator have settled
 * (under a tenth of a core in the last round), for at most 90 s. On two loaded cores they
 * compile for a minute or more after the first requests, and what is measured before that pays
 * for it: a third of both processes' CPU in a profile of the gateway after 20 s, and a sixth of
 * the Certifier's after 30 s.
 */
final class JitWarmUp {
    private static final Duration ROUND = Duration.ofSeconds(10);
    private static final Duration MOST = Duration.ofSeconds(90);

    /** One round of load, {@link #ROUND} long. */
    interface Round {
        void run(Duration length) throws Exception;
    }

    /** How long the warm-up ran, and what the compilers took in its last round. */
    record Result(Duration took, Duration compilingInLastRound) {
        String describe(String server) {
            return "warmed up for %d s; in the last %d s the JIT compilers of the %s and of this generator took %.2f s of CPU"
                    .formatted(took.toSeconds(), ROUND.toSeconds(), server, compilingInLastRound.toMillis() / 1e3);
        }
    }

    private JitWarmUp() {
    }

    static Result run(long serverPid, Round round) throws Exception {
        Duration took = Duration.ZERO;
        Duration compiling;
        do {
            Duration before = compiling(serverPid);
            round.run(ROUND);
            compiling = compiling(serverPid).minus(before);
            took = took.plus(ROUND);
        } while (compiling.compareTo(ROUND.dividedBy(10)) > 0 && took.compareTo(MOST) < 0);
        return new Result(took, compiling);
    }

    private static Duration compiling(long serverPid) throws IOException {
        return ProcessCpu.compiling(serverPid).plus(ProcessCpu.compiling(ProcessHandle.current().pid()));
    }
}

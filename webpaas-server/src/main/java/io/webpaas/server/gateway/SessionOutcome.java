package io.webpaas.server.gateway;

import java.time.Duration;

/**
 * How a bridged session ended, for its audit event.
 *
 * @param exitStatus the command's exit status, or {@code null} when it ended by a signal or not at all
 * @param error why the session could not start on the runtime, or {@code null}
 */
record SessionOutcome(long bytesIn, long bytesOut, Duration duration, Integer exitStatus, String exitSignal,
                      String error) {

    /** A session that ended before the runtime's side of it started. */
    static SessionOutcome beforeStart(Duration duration, Integer exitStatus, String error) {
        return new SessionOutcome(0, 0, duration, exitStatus, null, error);
    }
}

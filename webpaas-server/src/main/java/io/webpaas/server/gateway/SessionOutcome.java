package io.webpaas.server.gateway;

import java.time.Duration;

/**
 * How a bridged session ended, for its audit event.
 *
 * @param exitStatus the command's exit status, or {@code null} when it ended by a signal or not at all
 */
record SessionOutcome(long bytesIn, long bytesOut, Duration duration, Integer exitStatus, String exitSignal) {
}

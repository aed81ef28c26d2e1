package io.webpaas.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {

    @Test
    void anAddressIsBlockedAtTheLimitAndOthersAreNot() {
        FailureThrottle throttle = new FailureThrottle(3, Duration.ofMinutes(5));

        throttle.failed("192.0.2.1");
        throttle.failed("192.0.2.1");
        assertThat(throttle.blocked("192.0.2.1")).isFalse();
        throttle.failed("192.0.2.1");

        assertThat(throttle.blocked("192.0.2.1")).isTrue();
        assertThat(throttle.blockedFor("192.0.2.1")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(throttle.blocked("192.0.2.2")).isFalse();
        assertThat(throttle.blockedFor("192.0.2.2")).isZero();
    }

    @Test
    void theBlockEndsWithTheWindow() throws InterruptedException {
        FailureThrottle throttle = new FailureThrottle(1, Duration.ofMillis(50));

        throttle.failed("192.0.2.1");
        assertThat(throttle.blocked("192.0.2.1")).isTrue();
        Thread.sleep(120);

        assertThat(throttle.blocked("192.0.2.1")).isFalse();
    }
}

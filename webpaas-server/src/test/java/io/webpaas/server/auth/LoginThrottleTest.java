package io.webpaas.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.support.Browser;
import io.webpaas.server.support.TestUsers;
import io.webpaas.server.support.TestUsers.TestUser;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Throttling of failed password logins, through the real login form: per username (in the
 * database, the lock {@code webpaas.login.lock-time} = 2 s in the test configuration) and per
 * client address. Each test's browser comes from its own random loopback address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottleTest {
    private static final String WRONG = "/login?error";
    private static final String THROTTLED = "/login?throttled=1";

    @Autowired
    ApplicationContext context;
    @Autowired
    AuditLog audit;
    @Autowired
    LoginProperties settings;
    @LocalServerPort
    int port;

    TestUsers users;
    InetAddress address;
    Browser browser;

    @BeforeEach
    void setUp() {
        users = new TestUsers(context);
        address = Browser.randomLoopbackAddress();
        browser = new Browser("http://127.0.0.1:" + port, address);
    }

    @Test
    void aUsernameIsLockedAtTheLimitEvenForTheRightPasswordUntilTheLockEnds() {
        TestUser alice = users.create();
        for (int failure = 1; failure < settings.maxFailures(); failure++) {
            assertThat(logIn(alice.username(), "wrong").location()).endsWith(WRONG);
        }
        Browser.Page locked = logIn(alice.username(), "wrong");
        assertThat(locked.location()).as("the failure that reaches the limit says so").endsWith(THROTTLED);
        assertThat(browser.follow(locked).body()).contains("Too many failed attempts; try again in 1 minute.");

        assertThat(logIn(alice.username(), alice.password()).location()).endsWith(THROTTLED);

        assertThat(events("login.password", alice.user().uuid()))
                .filteredOn(event -> event.outcome().equals("failure")).hasSize(settings.maxFailures());
        assertThat(events("login.throttled", alice.user().uuid())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo("failure");
            assertThat(event.clientAddress()).isEqualTo(address.getHostAddress());
            assertThat(event.detail()).containsEntry("username", alice.username())
                    .containsEntry("reason", "username locked");
        });

        waitOutTheLock();
        assertThat(logIn(alice.username(), alice.password()).location()).doesNotContain("/login");
        // The success reset the count: as many failures again before the next lock.
        for (int failure = 1; failure < settings.maxFailures(); failure++) {
            assertThat(logIn(alice.username(), "wrong").location()).endsWith(WRONG);
        }
    }

    @Test
    void eachLockInARowIsLonger() {
        TestUser bob = users.create();
        failUntilLocked(bob.username());
        long first = retryAfter(bob);
        waitOutTheLock();
        failUntilLocked(bob.username());

        assertThat(retryAfter(bob)).isGreaterThan(first).isLessThanOrEqualTo(settings.lock(2).toSeconds());
    }

    @Test
    void anUnknownUsernameGetsTheSameAnswersAsAKnownOne() {
        TestUser carol = users.create();
        String nobody = "nobody" + UUID.randomUUID().toString().substring(0, 8);
        for (int failure = 1; failure < settings.maxFailures(); failure++) {
            Browser.Page known = logIn(carol.username(), "wrong");
            Browser.Page unknown = logIn(nobody, "wrong");
            assertThat(unknown.location()).isEqualTo(known.location()).endsWith(WRONG);
            assertThat(withoutCsrf(browser.follow(unknown))).isEqualTo(withoutCsrf(browser.follow(known)));
        }
        assertThat(logIn(nobody, "wrong").location()).endsWith(THROTTLED);
        assertThat(logIn(carol.username(), "wrong").location()).endsWith(THROTTLED);
        assertThat(logIn(nobody, carol.password()).location()).endsWith(THROTTLED);

        assertThat(events("login.throttled", null)).singleElement().satisfies(event -> {
            assertThat(event.userUuid()).isNull();
            assertThat(event.detail()).containsEntry("username", nobody).containsEntry("reason", "username locked");
        });
        assertThat(events("login.password", null)).filteredOn(event -> nobody.equals(event.detail().get("username")))
                .hasSize(settings.maxFailures()).allSatisfy(event -> assertThat(event.detail())
                        .containsEntry("reason", "unknown user"));
    }

    @Test
    void anAddressIsBlockedAfterManyFailuresWhateverTheUsername() {
        TestUser dave = users.create();
        for (int failure = 1; failure < settings.addressFailures(); failure++) {
            assertThat(logIn("guess" + failure + UUID.randomUUID(), "wrong").location()).endsWith(WRONG);
        }
        assertThat(logIn("guess" + UUID.randomUUID(), "wrong").location()).endsWith("/login?throttled="
                + Math.max(1, settings.addressWindow().toMinutes()));

        assertThat(logIn(dave.username(), dave.password()).location()).contains("/login?throttled=");
        assertThat(events("login.throttled", dave.user().uuid())).singleElement().satisfies(event ->
                assertThat(event.detail()).containsEntry("reason", "address blocked"));

        Browser elsewhere = new Browser("http://127.0.0.1:" + port, Browser.randomLoopbackAddress());
        Browser.Page loggedIn = elsewhere.submit(elsewhere.get("/login"), "/login",
                Map.of("username", dave.username(), "password", dave.password()));
        assertThat(loggedIn.location()).as("another address is not blocked").doesNotContain("/login");
    }

    private Browser.Page logIn(String username, String password) {
        return browser.submit(browser.get("/login"), "/login", Map.of("username", username, "password", password));
    }

    private void failUntilLocked(String username) {
        for (int failure = 1; failure < settings.maxFailures(); failure++) {
            assertThat(logIn(username, "wrong").location()).endsWith(WRONG);
        }
        assertThat(logIn(username, "wrong").location()).endsWith(THROTTLED);
    }

    /** The first lock lasts {@code webpaas.login.lock-time}: 2 s here. */
    private void waitOutTheLock() {
        try {
            Thread.sleep(settings.lockTime().plusMillis(300));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The seconds to wait that a refusal now reports, from its audit event. */
    private long retryAfter(TestUser user) {
        assertThat(logIn(user.username(), user.password()).location()).endsWith(THROTTLED);
        return ((Number) events("login.throttled", user.user().uuid()).getFirst().detail().get("retry_after")).longValue();
    }

    /** This test's events of a type, newest first: its user's, or all from its address. */
    private List<AuditEvent> events(String type, UUID user) {
        return audit.find(type, user, null, 0, 1000).stream()
                .filter(event -> address.getHostAddress().equals(event.clientAddress()))
                .toList();
    }

    /** The page as a user sees it: the form's CSRF token differs at every rendering. */
    private static String withoutCsrf(Browser.Page page) {
        return page.body().replace(page.csrf(), "");
    }
}

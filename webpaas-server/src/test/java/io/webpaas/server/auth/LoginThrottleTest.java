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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Throttling of failed password logins, through the real login form: per username (in the
 * database; the lock, {@code webpaas.login.lock-time}, is 3 s in the test configuration) and
 * per client address. Each test's browser comes from its own random loopback address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoginThrottleTest {
    private static final String WRONG = "Wrong username or password.";
    private static final String THROTTLED = "Too many failed attempts; try again in 1 minute.";
    private static final String SIGNED_IN = "(signed in)";
    private static final Pattern ALERT = Pattern.compile("role=\"alert\"[^>]*>\\s*([^<]*?)\\s*</p>");

    @Autowired
    ApplicationContext context;
    @Autowired
    AuditLog audit;
    @Autowired
    LoginProperties settings;
    @Autowired
    TotpFactor totp;
    @Autowired
    JdbcClient jdbc;
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
            assertThat(logIn(alice.username(), "wrong")).isEqualTo(WRONG);
        }
        assertThat(logIn(alice.username(), "wrong")).as("the failure that reaches the limit says so").isEqualTo(THROTTLED);

        assertThat(logIn(alice.username(), alice.password())).isEqualTo(THROTTLED);

        assertThat(events("login.password", alice.user().uuid()))
                .filteredOn(event -> event.outcome().equals("failure")).hasSize(settings.maxFailures());
        assertThat(events("login.throttled", alice.user().uuid())).singleElement().satisfies(event -> {
            assertThat(event.outcome()).isEqualTo("failure");
            assertThat(event.clientAddress()).isEqualTo(address.getHostAddress());
            assertThat(event.detail()).containsEntry("username", alice.username())
                    .containsEntry("reason", "username locked");
        });

        waitOutTheLock();
        assertThat(logIn(alice.username(), alice.password())).isEqualTo(SIGNED_IN);
        // The success cleared the count: as many failures again before the next lock.
        for (int failure = 1; failure < settings.maxFailures(); failure++) {
            assertThat(logIn(alice.username(), "wrong")).isEqualTo(WRONG);
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
        for (int failure = 1; failure <= settings.maxFailures(); failure++) {
            Browser.Page known = submit(carol.username(), "wrong");
            Browser.Page unknown = submit(nobody, "wrong");
            assertThat(unknown.location()).isEqualTo(known.location());
            assertThat(withoutCsrf(browser.follow(unknown))).isEqualTo(withoutCsrf(browser.follow(known)));
        }
        assertThat(logIn(nobody, "wrong")).isEqualTo(THROTTLED);
        assertThat(logIn(carol.username(), "wrong")).isEqualTo(THROTTLED);

        assertThat(events("login.throttled", null)).hasSize(2)
                .filteredOn(event -> nobody.equals(event.detail().get("username"))).singleElement()
                .satisfies(event -> {
                    assertThat(event.userUuid()).isNull();
                    assertThat(event.detail()).containsEntry("reason", "username locked");
                });
        assertThat(events("login.password", null)).filteredOn(event -> nobody.equals(event.detail().get("username")))
                .hasSize(settings.maxFailures()).allSatisfy(event -> assertThat(event.detail())
                        .containsEntry("reason", "unknown user"));
    }

    @Test
    void anAddressIsBlockedAfterManyFailuresWhateverTheUsername() {
        TestUser dave = users.create();
        for (int failure = 1; failure < settings.addressFailures(); failure++) {
            assertThat(logIn("guess" + UUID.randomUUID(), "wrong")).isEqualTo(WRONG);
        }
        String blocked = "Too many failed attempts; try again in " + settings.addressWindow().toMinutes() + " minutes.";
        assertThat(logIn("guess" + UUID.randomUUID(), "wrong")).isEqualTo(blocked);

        assertThat(logIn(dave.username(), dave.password())).isEqualTo(blocked);
        assertThat(events("login.throttled", dave.user().uuid())).singleElement().satisfies(event ->
                assertThat(event.detail()).containsEntry("reason", "address blocked"));

        browser = new Browser("http://127.0.0.1:" + port, Browser.randomLoopbackAddress());
        assertThat(logIn(dave.username(), dave.password())).as("another address").isEqualTo(SIGNED_IN);
    }

    @Test
    void wrongTotpCodesCountLikeWrongPasswords() {
        TestUser erin = users.create();
        totp.enroll(erin.user().uuid(), erin.username());
        jdbc.sql("UPDATE users SET totp_enabled = TRUE WHERE uuid = ?").param(erin.user().uuid().toString()).update();

        Browser.Page next = submit(erin.username(), erin.password());
        assertThat(next.location()).endsWith("/login/totp");
        for (int code = 1; code < settings.maxFailures(); code++) {
            next = browser.submit(browser.get("/login/totp"), "/login/totp", Map.of("code", "nope"));
            assertThat(next.location()).endsWith("/login/totp?error");
        }
        next = browser.submit(browser.get("/login/totp"), "/login/totp", Map.of("code", "nope"));
        assertThat(next.location()).as("the code that locks the username ends the login")
                .endsWith("/login?error=locked");

        assertThat(logIn(erin.username(), erin.password())).isEqualTo(THROTTLED);
    }

    private Browser.Page submit(String username, String password) {
        return browser.submit(browser.get("/login"), "/login", Map.of("username", username, "password", password));
    }

    /** What the login page says after an attempt: its alert, or that the login went through. */
    private String logIn(String username, String password) {
        Browser.Page answer = submit(username, password);
        if (!answer.location().endsWith("/login?error")) {
            return SIGNED_IN;
        }
        Matcher alert = ALERT.matcher(browser.follow(answer).body());
        assertThat(alert.find()).as("an alert on the login page").isTrue();
        return alert.group(1);
    }

    private void failUntilLocked(String username) {
        for (int failure = 1; failure < settings.maxFailures(); failure++) {
            assertThat(logIn(username, "wrong")).isEqualTo(WRONG);
        }
        assertThat(logIn(username, "wrong")).isEqualTo(THROTTLED);
    }

    /** The first lock lasts {@code webpaas.login.lock-time}: 3 s here. */
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
        assertThat(logIn(user.username(), user.password())).isEqualTo(THROTTLED);
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

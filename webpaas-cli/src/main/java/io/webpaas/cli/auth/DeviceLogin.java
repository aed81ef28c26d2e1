package io.webpaas.cli.auth;

import io.webpaas.cli.CliException;
import io.webpaas.cli.api.ApiException;
import java.io.PrintStream;
import java.time.Instant;

/** The device grant (RFC 8628): show the code and the page, then poll until it is approved. */
final class DeviceLogin {
    private final OAuthClient oauth;
    private final PrintStream err;

    DeviceLogin(OAuthClient oauth, PrintStream err) {
        this.oauth = oauth;
        this.err = err;
    }

    TokenResponse run() {
        DeviceAuthorization device = oauth.authorizeDevice();
        err.println("To log in, open this page in a browser on any device:");
        err.println("  " + device.verificationUri());
        err.println("and enter the code: " + device.userCode());
        if (device.verificationUriComplete() != null) {
            err.println("(or open " + device.verificationUriComplete() + " directly)");
        }
        err.println("Waiting for the approval (Ctrl-C to cancel)...");
        long interval = device.interval() == null ? 5 : Math.max(1, device.interval());
        Instant deadline = Instant.now().plusSeconds(device.expiresIn());
        while (Instant.now().isBefore(deadline)) {
            sleep(interval);
            try {
                return oauth.pollDevice(device.deviceCode());
            } catch (ApiException e) {
                switch (String.valueOf(e.error())) {
                    case "authorization_pending" -> { }
                    case "slow_down" -> interval += 5;
                    case "access_denied" -> throw new CliException("The login was denied.");
                    case "expired_token" -> throw expired();
                    default -> throw e;
                }
            }
        }
        throw expired();
    }

    private static CliException expired() {
        return new CliException("The code expired before it was approved. Run: webpaas login --device");
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted", e);
        }
    }
}

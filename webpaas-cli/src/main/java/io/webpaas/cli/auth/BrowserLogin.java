package io.webpaas.cli.auth;

import io.webpaas.cli.CliException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Authorization code + S256 PKCE with a loopback redirect: opens the browser on the
 * authorize URL (or prints it), waits for the redirect, exchanges the code.
 */
final class BrowserLogin {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final OAuthClient oauth;
    private final PrintStream err;
    private final boolean openBrowser;

    BrowserLogin(OAuthClient oauth, PrintStream err, boolean openBrowser) {
        this.oauth = oauth;
        this.err = err;
        this.openBrowser = openBrowser;
    }

    TokenResponse run() {
        String state = Pkce.randomUrlSafe(16);
        try (LoopbackReceiver receiver = LoopbackReceiver.start(state)) {
            Pkce pkce = Pkce.generate();
            String url = oauth.authorizationUrl(receiver.redirectUri(), pkce, state);
            if (openBrowser && open(url)) {
                err.println("Your browser was opened to log in. If it did not open, visit this URL on this machine:");
            } else {
                err.println("Open this URL in a browser on this machine to log in:");
            }
            err.println("  " + url);
            err.println("Waiting for the login to complete (Ctrl-C to cancel)...");
            Map<String, String> callback = receiver.await(TIMEOUT);
            if (callback.containsKey("error")) {
                throw new CliException("The login was refused: "
                        + callback.getOrDefault("error_description", callback.get("error")));
            }
            if (!state.equals(callback.get("state")) || callback.get("code") == null) {
                throw new CliException("The browser's answer does not belong to this login. Please try again.");
            }
            return oauth.exchangeCode(callback.get("code"), receiver.redirectUri(), pkce);
        }
    }

    /** xdg-open where a desktop session runs, open on macOS; false when neither applies or works. */
    private static boolean open(String url) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        boolean desktop = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        if (!mac && !desktop) {
            return false;
        }
        try {
            Process process = new ProcessBuilder(List.of(mac ? "open" : "xdg-open", url))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

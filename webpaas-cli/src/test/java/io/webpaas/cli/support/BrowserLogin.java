package io.webpaas.cli.support;

import io.webpaas.cli.support.LoginBrowser.Page;
import java.util.Map;
import java.util.regex.Pattern;

/** {@code webpaas login} as a person does it: the CLI prints the URL, the browser logs in on the real form. */
public final class BrowserLogin {
    private static final Pattern AUTHORIZE_URL = Pattern.compile("(http://\\S+/oauth2/authorize\\?\\S+)");

    private BrowserLogin() {
    }

    public static CliUser.Result logIn(CliUser user, TestServer server, String username, String password) {
        RunningCommand login = user.start(Map.of(), "login", "--no-browser", "--yes");
        LoginBrowser browser = new LoginBrowser(server.apiUrl());
        Page toLogin = browser.get(login.awaitStderr(AUTHORIZE_URL).group(1));
        Page toCli = browser.follow(browser.logIn(browser.follow(toLogin), username, password));
        browser.get(toCli.location());
        return login.finish();
    }
}

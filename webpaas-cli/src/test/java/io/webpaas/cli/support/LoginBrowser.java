package io.webpaas.cli.support;

import io.webpaas.cli.api.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The person's browser, scripted: keeps cookies, stops at each redirect, and fills the real
 * login and device pages' forms with their CSRF token (as the server's own tests' Browser does).
 */
public final class LoginBrowser {
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String baseUrl;

    public LoginBrowser(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Page get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET());
    }

    public Page follow(Page redirect) {
        if (redirect.location() == null) {
            throw new IllegalStateException("not a redirect: " + redirect);
        }
        return get(redirect.location());
    }

    public Page submit(Page page, String action, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", page.csrf());
        return send(HttpRequest.newBuilder(uri(action))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.form(form))));
    }

    /** On the login page: username and password; returns the redirect that follows. */
    public Page logIn(Page loginPage, String username, String password) {
        return submit(loginPage, "/login", Map.of("username", username, "password", password));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Page(int status, String location, String body) {
        public String csrf() {
            Matcher matcher = CSRF.matcher(body);
            if (!matcher.find()) {
                throw new IllegalStateException("no CSRF token in the page: " + this);
            }
            return matcher.group(1);
        }

        @Override
        public String toString() {
            return status + (location == null ? "" : " -> " + location) + "\n" + body;
        }
    }
}

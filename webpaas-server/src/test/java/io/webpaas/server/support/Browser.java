package io.webpaas.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted browser for login flows: keeps cookies, does not follow redirects (tests look
 * at each one), and reads the CSRF token out of the real pages' forms.
 *
 * <pre>{@code
 * Browser browser = new Browser("http://127.0.0.1:" + port);
 * Browser.Page login = browser.get("/login");
 * Browser.Page next = browser.submit(login, "/login", Map.of("username", "alice", "password", "..."));
 * assertThat(next.location()).endsWith("/login/totp");
 * }</pre>
 */
public final class Browser {
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http;
    private final String baseUrl;

    public Browser(String baseUrl) {
        this(baseUrl, null);
    }

    /**
     * A browser whose connections come from {@code localAddress}, e.g. a random 127.x.y.z, so
     * that what the server counts per client address is this browser's alone.
     */
    public Browser(String baseUrl, InetAddress localAddress) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (localAddress != null) {
            builder.localAddress(localAddress);
        }
        this.http = builder.build();
        this.baseUrl = baseUrl;
    }

    /** A random loopback address other than 127.0.0.1, for {@link #Browser(String, InetAddress)}. */
    public static InetAddress randomLoopbackAddress() {
        byte[] address = new byte[4];
        new SecureRandom().nextBytes(address);
        address[0] = 127;
        address[3] = (byte) (2 + (address[3] & 0x7f));
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET a path of the server, or an absolute URL. */
    public Page get(String pathOrUrl) {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", "text/html").GET());
    }

    /** GET where the last page redirected to. */
    public Page follow(Page redirect) {
        if (redirect.location() == null) {
            throw new IllegalStateException("not a redirect: " + redirect);
        }
        return get(redirect.location());
    }

    /** POST a form as the page would: its CSRF token plus the given fields. */
    public Page submit(Page page, String action, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("_csrf", page.csrf());
        return send(HttpRequest.newBuilder(uri(action))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.form(form))));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.headers().firstValue("Location").orElse(null), response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Page(int status, String location, String body, HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

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

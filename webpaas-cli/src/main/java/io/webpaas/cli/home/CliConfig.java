package io.webpaas.cli.home;

import io.webpaas.cli.CliException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional config file ({@code ~/.webpaas/config}, {@code key = value} lines):
 * {@code api-url} (the server, below {@code --api-url} and {@code WEBPAAS_API_URL}) and
 * {@code ssh-key-lifetime} (how long the session key pair is used before a new one is made:
 * {@code 1d}, {@code 12h}, {@code 30m}, {@code 90s}).
 */
public record CliConfig(Optional<String> apiUrl, Duration sshKeyLifetime) {
    public static final Duration DEFAULT_KEY_LIFETIME = Duration.ofDays(1);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([dhms])");

    public static CliConfig read(CliHome home) {
        Properties properties = new Properties();
        if (Files.isRegularFile(home.configFile())) {
            try (Reader in = Files.newBufferedReader(home.configFile())) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + home.configFile(), e);
            }
        }
        String lifetime = properties.getProperty("ssh-key-lifetime");
        return new CliConfig(Optional.ofNullable(properties.getProperty("api-url")).map(String::strip)
                .filter(url -> !url.isEmpty()),
                lifetime == null ? DEFAULT_KEY_LIFETIME : duration(lifetime, home));
    }

    private static Duration duration(String text, CliHome home) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new CliException("ssh-key-lifetime in " + home.configFile()
                    + " must be a number and a unit (d, h, m or s), e.g. 1d; found: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}

package io.webpaas.server.directory;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Project IDs: 13 characters of the lowercase RFC 4648 base32 alphabet ({@code a-z2-7}),
 * 65 random bits, so they are unguessable and read well in an SSH username.
 */
public final class ProjectIds {
    public static final int LENGTH = 13;
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Pattern FORMAT = Pattern.compile("[a-z2-7]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ProjectIds() {
    }

    public static String next() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}

package io.webpaas.sshca;

import io.webpaas.sshca.InvalidPublicKeyException.Reason;
import java.io.IOException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * An OpenSSH public key as people paste it: the line of a {@code .pub} file, perhaps with
 * extra spaces, tabs or newlines, perhaps wrapped over several lines by a mail client or a
 * terminal, with or without its comment. {@link #parse} normalizes it to one line
 * ({@code type base64 [comment]}) and refuses private keys, DSA keys, RSA keys under 2048
 * bits, certificates, unsupported types and garbage with a message saying which.
 *
 * <p>Two keys are equal when their type and key material are; the comment does not count.
 */
public final class SshPublicKey {
    public static final int MIN_RSA_BITS = 2048;

    private static final Set<String> SUPPORTED_TYPES = Set.of(
            "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");
    private static final String CERTIFICATE_SUFFIX = "-cert-v01@openssh.com";
    private static final String DSA_TYPE = "ssh-dss";
    /** Base64 of "openssh-key-v1\0", the start of an OpenSSH private key's body. */
    private static final String OPENSSH_PRIVATE_KEY_BODY = "b3BlbnNzaC1rZXktdjE";
    /** Every OpenSSH key blob starts with a 4-byte length under 2^24, which is "AAAA" in base64. */
    private static final String BLOB_START = "AAAA";
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\uFEFF]+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern KEY_TYPE_NAME = Pattern.compile("[a-z0-9][a-z0-9@.+-]{2,63}");
    private static final String TRY_INSTEAD = "Make a new key with: ssh-keygen -t ed25519";

    private final String type;
    private final PublicKey publicKey;
    private final String base64;
    private final String comment;

    private SshPublicKey(String type, PublicKey publicKey, String base64, String comment) {
        this.type = type;
        this.publicKey = publicKey;
        this.base64 = base64;
        this.comment = comment;
    }

    public static SshPublicKey parse(String pasted) throws InvalidPublicKeyException {
        if (pasted == null || pasted.isBlank()) {
            throw malformed("The key is empty: paste your public key, the one line of your .pub file "
                    + "(for example ~/.ssh/id_ed25519.pub)");
        }
        refuseOtherFormats(pasted);
        List<String> tokens = Arrays.asList(WHITESPACE.split(pasted.strip()));
        String declaredType = tokens.getFirst();
        refuseUnwantedType(declaredType, tokens);
        // A wrapped key arrives as several pieces of base64: join them until they make one whole key.
        StringBuilder data = new StringBuilder();
        for (int end = 2; end <= tokens.size() && BASE64.matcher(tokens.get(end - 1)).matches(); end++) {
            data.append(tokens.get(end - 1));
            if (data.length() % 4 != 0) {
                continue;
            }
            Optional<SshPublicKey> key = decode(declaredType, data.toString(),
                    String.join(" ", tokens.subList(end, tokens.size())));
            if (key.isPresent()) {
                return key.get().requireStrength();
            }
        }
        throw malformed("The key data after '" + declaredType + "' is damaged or incomplete: copy the whole "
                + "line of your .pub file again (cat ~/.ssh/id_ed25519.pub)");
    }

    public String type() {
        return type;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The comment after the key data (often user@host), or the empty string. */
    public String comment() {
        return comment;
    }

    /** The normalized one-line form: {@code type base64 [comment]}. */
    public String openSsh() {
        return comment.isEmpty() ? type + " " + base64 : type + " " + base64 + " " + comment;
    }

    /** The key without its comment: what identifies it when checking for duplicates. */
    public String openSshWithoutComment() {
        return type + " " + base64;
    }

    /** As {@code ssh-keygen -l -E sha256} prints it: {@code SHA256:} and unpadded base64. */
    public String sha256Fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, publicKey);
    }

    /** As {@code ssh-keygen -l -E md5} prints it: {@code MD5:} and colon-separated hex. */
    public String md5Fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.md5, publicKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SshPublicKey that && type.equals(that.type) && base64.equals(that.base64);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, base64);
    }

    @Override
    public String toString() {
        return openSsh();
    }

    private static void refuseOtherFormats(String pasted) throws InvalidPublicKeyException {
        if (pasted.contains("PRIVATE KEY") || pasted.contains("PuTTY-User-Key-File")
                || pasted.contains(OPENSSH_PRIVATE_KEY_BODY)) {
            throw new InvalidPublicKeyException(Reason.PRIVATE_KEY,
                    "This is a private key; paste the public key (the .pub file) instead");
        }
        if (pasted.contains("BEGIN SSH2 PUBLIC KEY")) {
            throw malformed("This is a public key in the SSH2 (RFC 4716) format; convert it to the OpenSSH "
                    + "format with: ssh-keygen -i -f key.pub, and paste the result");
        }
    }

    private static void refuseUnwantedType(String declaredType, List<String> tokens)
            throws InvalidPublicKeyException {
        if (declaredType.startsWith(BLOB_START)) {
            throw malformed("The key type is missing: paste the whole line of your .pub file, which starts "
                    + "with the type, such as ssh-ed25519, ecdsa-sha2-nistp256 or ssh-rsa");
        }
        if (declaredType.endsWith(CERTIFICATE_SUFFIX)) {
            throw new InvalidPublicKeyException(Reason.CERTIFICATE,
                    "This is an SSH certificate (" + declaredType + "), not a public key: paste the public key "
                            + "it was issued for (the .pub file without -cert)");
        }
        if (declaredType.equals(DSA_TYPE)) {
            throw new InvalidPublicKeyException(Reason.DSA,
                    "DSA (ssh-dss) keys are refused: they are limited to 1024 bits and OpenSSH no longer "
                            + "accepts them. " + TRY_INSTEAD);
        }
        if (SUPPORTED_TYPES.contains(declaredType)) {
            return;
        }
        if (KEY_TYPE_NAME.matcher(declaredType).matches() && tokens.size() > 1
                && tokens.get(1).startsWith(BLOB_START)) {
            throw new InvalidPublicKeyException(Reason.UNSUPPORTED,
                    "Keys of type '" + declaredType + "' are not supported; use ssh-ed25519 (recommended), "
                            + "ecdsa-sha2-nistp256/384/521 or ssh-rsa of at least " + MIN_RSA_BITS + " bits. "
                            + TRY_INSTEAD);
        }
        throw malformed("This is not an OpenSSH public key: paste the one line of your .pub file, which "
                + "looks like 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... you@laptop'");
    }

    /** The key if {@code data} is exactly one whole key blob of the declared type; empty when it is not (yet). */
    private static Optional<SshPublicKey> decode(String declaredType, String data, String comment)
            throws InvalidPublicKeyException {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException notBase64YetOrAtAll) {
            return Optional.empty();
        }
        Buffer buffer = new ByteArrayBuffer(blob);
        PublicKey key;
        String blobType;
        try {
            blobType = buffer.getString();
            buffer.rpos(0);
            key = buffer.getRawPublicKey();
        } catch (RuntimeException | IOException incomplete) {
            return Optional.empty();
        }
        if (buffer.available() != 0) {
            return Optional.empty();
        }
        if (!blobType.equals(declaredType)) {
            throw malformed("The line says '" + declaredType + "' but the key data is a '"
                    + blobType + "' key: copy the whole line of your .pub file again");
        }
        return Optional.of(new SshPublicKey(declaredType, key, Base64.getEncoder().encodeToString(blob), comment));
    }

    private SshPublicKey requireStrength() throws InvalidPublicKeyException {
        if (publicKey instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new InvalidPublicKeyException(Reason.WEAK_RSA,
                    "This RSA key has only " + rsa.getModulus().bitLength() + " bits; RSA keys need at least "
                            + MIN_RSA_BITS + ". " + TRY_INSTEAD + " (or ssh-keygen -t rsa -b 4096)");
        }
        return this;
    }

    private static InvalidPublicKeyException malformed(String message) {
        return new InvalidPublicKeyException(Reason.MALFORMED, message);
    }
}

package io.webpaas.sshca;

/**
 * A pasted text that is not an acceptable OpenSSH public key. The message is written for
 * the person who pasted it: what is wrong and what to paste instead.
 */
public final class InvalidPublicKeyException extends Exception {

    /** Why the key was refused; callers map every reason to the same HTTP 400. */
    public enum Reason {
        PRIVATE_KEY, DSA, WEAK_RSA, CERTIFICATE, UNSUPPORTED, MALFORMED
    }

    private final Reason reason;

    InvalidPublicKeyException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    InvalidPublicKeyException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

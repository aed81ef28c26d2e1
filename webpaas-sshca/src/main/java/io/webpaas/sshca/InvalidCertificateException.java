package io.webpaas.sshca;

/** A certificate that cannot be parsed or that a {@link CertificatePolicy} refuses; the message says why. */
public class InvalidCertificateException extends Exception {
    public InvalidCertificateException(String message) {
        super(message);
    }
}

package io.webpaas.server.gateway;

/**
 * Who authenticated: a certificate from the user CA, or a registered key. Either way the
 * gateway knows the public key's SHA-256 fingerprint, which the audit records.
 */
sealed interface Identity permits CertificateIdentity, KeyIdentity {

    /** {@code certificate} or {@code key}, as audited. */
    String method();

    String fingerprint();
}

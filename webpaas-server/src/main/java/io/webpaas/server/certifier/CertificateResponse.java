package io.webpaas.server.certifier;

/** The answer to {@code POST /ssh}: one OpenSSH certificate line. */
record CertificateResponse(String certificate) {
}

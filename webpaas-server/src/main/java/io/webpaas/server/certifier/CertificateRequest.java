package io.webpaas.server.certifier;

/**
 * The body of {@code POST /ssh}.
 *
 * @param key the OpenSSH public key to certify
 * @param region staff only: the region the certificate is for
 * @param ticket staff only: the support ticket that justifies the access
 */
record CertificateRequest(String key, String region, String ticket) {
}

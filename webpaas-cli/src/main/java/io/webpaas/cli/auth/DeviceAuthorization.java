package io.webpaas.cli.auth;

/** The device authorization endpoint's answer (RFC 8628 §3.2). */
public record DeviceAuthorization(String deviceCode, String userCode, String verificationUri,
                                  String verificationUriComplete, long expiresIn, Long interval) {
}

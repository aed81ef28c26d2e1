package io.webpaas.cli.auth;

/** The token endpoint's answer. */
public record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType) {
}

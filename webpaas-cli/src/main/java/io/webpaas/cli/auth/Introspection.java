package io.webpaas.cli.auth;

import java.util.List;

/** The parts of the introspection document ({@code /oauth2/tokens}) the CLI keeps: whose token, which one, how it was obtained. */
public record Introspection(boolean active, String userUuid, String jti, List<String> amr, Long mfaVerified,
                            Long exp, String grantType) {
}

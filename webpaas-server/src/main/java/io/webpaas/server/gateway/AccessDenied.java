package io.webpaas.server.gateway;

/**
 * The refusal shown to a user whose identity is fine but who may not enter, in the shape of
 * the platform the product is modelled on:
 *
 * <pre>
 * Error: Access denied
 * Service: wk5fqz6qoo123-main--app
 * User: alice (7b1e…)
 * Parameters: {"amr":["mfa"]}
 * Detail: Additional authentication is required:
 * 	 - Multifactor authentication (MFA)
 * </pre>
 */
record AccessDenied(String service, String user, String parameters, String detail) {
    static final String NO_PARAMETERS = "{}";
    static final String MFA_PARAMETERS = "{\"amr\":[\"mfa\"]}";
    static final String MFA_DETAIL = "Additional authentication is required:\n\t - Multifactor authentication (MFA)";

    String text() {
        return "Error: Access denied\nService: " + service + "\nUser: " + user + "\nParameters: " + parameters
                + "\nDetail: " + detail + "\n";
    }
}

package io.webpaas.server.gateway;

/** The offered key proves no identity: the client only ever sees {@code Permission denied (publickey)}. */
class BadIdentityException extends Exception {
    BadIdentityException(String reason) {
        super(reason);
    }
}

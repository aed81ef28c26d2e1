package io.webpaas.cli.sshconfig;

/** {@code GET /ssh/gateway}: the host name users put after the {@code @}, and the gateway's port. */
public record GatewayAddress(String host, int port) {
}

package io.webpaas.cli.sshconfig;

import java.util.List;

/** {@code GET /ssh/host-authority}: the CA keys that sign the gateways' host keys. */
public record HostAuthorities(List<String> authorities) {
}

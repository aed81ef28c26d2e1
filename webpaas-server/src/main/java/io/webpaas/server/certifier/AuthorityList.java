package io.webpaas.server.certifier;

import java.util.List;

/** {@code GET /ssh/authority} and {@code GET /ssh/host-authority}: the CA keys to trust now. */
record AuthorityList(List<String> authorities) {
}

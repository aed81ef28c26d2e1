package io.webpaas.server.keys;

/** A key to register: {@code key} as pasted; {@code title} defaults to the key's comment. */
public record NewKey(String title, String key) {
}

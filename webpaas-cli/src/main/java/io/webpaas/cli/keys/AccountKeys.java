package io.webpaas.cli.keys;

import io.webpaas.cli.api.ApiClient;
import java.util.List;

/** The logged-in user's account keys: {@code /api/v1/me/keys}. */
final class AccountKeys {
    private final ApiClient api;

    AccountKeys(ApiClient api) {
        this.api = api;
    }

    List<SshKey> list() {
        return api.get("/api/v1/me/keys", KeyList.class).keys();
    }

    SshKey add(String title, String key) {
        return api.post("/api/v1/me/keys", new NewKey(title, key), SshKey.class);
    }

    void delete(String id) {
        api.delete("/api/v1/me/keys/" + ApiClient.encode(id));
    }

    record KeyList(List<SshKey> keys) {
    }

    record NewKey(String title, String key) {
    }
}

package io.webpaas.server.directory;

/** Published once the demo organization, users and project exist, so other features can add theirs. */
public record DemoDataSeeded(User demo, String projectId) {
}

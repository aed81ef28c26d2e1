package io.webpaas.server.directory;

/**
 * Where an SSH username leads: an app of an active environment of a project, with the
 * organization whose policy (MFA) applies.
 */
public record SshTarget(Organization organization, Project project, Environment environment, App app) {

    /** The full username, whichever form was used to reach it. */
    public SshUsername username() {
        return SshUsername.of(project.id(), environment.machineName(), app.name());
    }
}

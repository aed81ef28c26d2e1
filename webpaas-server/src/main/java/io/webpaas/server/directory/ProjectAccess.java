package io.webpaas.server.directory;

/** A project as one user sees it: with their role on it. */
public record ProjectAccess(Project project, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}

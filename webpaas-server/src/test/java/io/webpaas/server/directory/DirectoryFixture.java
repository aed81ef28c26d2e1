package io.webpaas.server.directory;

import io.webpaas.server.audit.Actor;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Unique users, organizations and projects for tests that share one database. */
public record DirectoryFixture(Users users, Organizations organizations, ProjectAdministration administration) {

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public User user(String prefix) {
        String username = unique(prefix);
        return users.create(username, username + "@example.com", "correct horse battery staple", false);
    }

    public static Actor actor(User user) {
        return new Actor(user.uuid(), user.username(), "127.0.0.1");
    }

    /** An organization administered by {@code admin}. */
    public Organization organization(User admin) {
        Organization organization = organizations.create(unique("org"), "Test organization", false);
        organizations.setMember(organization.id(), admin.uuid(), OrganizationRole.ADMIN);
        return organization;
    }

    /** A project of a fresh organization, its admin, and app {@code app} in {@code main}. */
    public ProjectAccess project(User admin) {
        Organization organization = organization(admin);
        ProjectAccess project = administration.createProject(actor(admin),
                new NewProject(organization.name(), "Test project", null, null));
        administration.createApp(actor(admin), project.project().id(), "main", new NewApp("app",
                List.of("web/uploads"), Map.of(), "127.0.0.1", 2022));
        return project;
    }
}

package io.webpaas.server.support;

import io.webpaas.server.audit.Actor;
import io.webpaas.server.directory.NewApp;
import io.webpaas.server.directory.NewProject;
import io.webpaas.server.directory.Organization;
import io.webpaas.server.directory.OrganizationRole;
import io.webpaas.server.directory.Organizations;
import io.webpaas.server.directory.ProjectAccess;
import io.webpaas.server.directory.ProjectAdministration;
import io.webpaas.server.directory.Relationship;
import io.webpaas.server.directory.Role;
import io.webpaas.server.directory.User;
import io.webpaas.server.directory.Users;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/** Unique users, organizations and projects for tests that share one database. */
public record DirectoryFixture(Users users, Organizations organizations, ProjectAdministration administration) {

    public DirectoryFixture(ApplicationContext context) {
        this(context.getBean(Users.class), context.getBean(Organizations.class),
                context.getBean(ProjectAdministration.class));
    }

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
        return organization(admin, false);
    }

    /** An organization administered by {@code admin}, demanding MFA over SSH when {@code enforceMfa}. */
    public Organization organization(User admin, boolean enforceMfa) {
        Organization organization = organizations.create(unique("org"), "Test organization", enforceMfa);
        organizations.setMember(organization.id(), admin.uuid(), OrganizationRole.ADMIN);
        return organization;
    }

    /** A project of a fresh organization, its admin, and app {@code app} in {@code main}. */
    public ProjectAccess project(User admin) {
        return project(admin, Map.of());
    }

    /** As {@link #project(User)}, the app connected to {@code relationships}. */
    public ProjectAccess project(User admin, Map<String, Relationship> relationships) {
        return project(admin, new AppHost(false, "127.0.0.1", 2022), relationships);
    }

    /** Where a test project's app runs, and its organization's MFA policy. */
    public record AppHost(boolean enforceMfa, String runtimeHost, int runtimePort) {
    }

    /** As {@link #project(User)}, with the app on {@code host}'s runtime and its organization's MFA policy. */
    public ProjectAccess project(User admin, AppHost host) {
        return project(admin, host, Map.of());
    }

    private ProjectAccess project(User admin, AppHost host, Map<String, Relationship> relationships) {
        Organization organization = organization(admin, host.enforceMfa());
        ProjectAccess project = administration.createProject(actor(admin),
                new NewProject(organization.name(), "Test project", null, null));
        administration.createApp(actor(admin), project.project().id(), "main", new NewApp("app",
                List.of("web/uploads"), relationships, host.runtimeHost(), host.runtimePort()));
        return project;
    }

    /** A project like {@link #project} where {@code member} has {@code role}; returns its ID. */
    public String projectWith(User member, Role role) {
        return projectWith(member, role, new AppHost(false, "127.0.0.1", 2022));
    }

    /** As {@link #projectWith(User, Role)}, on {@code host}. */
    public String projectWith(User member, Role role, AppHost host) {
        return projectWith(member, role, host, Map.of());
    }

    /** As {@link #projectWith(User, Role, AppHost)}, the app connected to {@code relationships}. */
    public String projectWith(User member, Role role, AppHost host, Map<String, Relationship> relationships) {
        if (role == Role.ADMIN) {
            return project(member, host, relationships).project().id();
        }
        User admin = user("admin");
        String id = project(admin, host, relationships).project().id();
        administration.setMember(actor(admin), id, member.username(), role.wire());
        return id;
    }
}

package io.webpaas.server.directory;

import io.webpaas.server.audit.Actor;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * What a user can see of the directory, and where an SSH username leads. A
 * {@link ProjectAccess} is the proof that the user is a member: the methods that list a
 * project's environments and apps take one.
 */
@Service
public class Directory {
    private final Organizations organizations;
    private final Projects projects;
    private final Environments environments;
    private final Apps apps;
    private final Memberships memberships;
    private final AuditLog audit;

    public Directory(Organizations organizations, Projects projects, Environments environments, Apps apps,
                     Memberships memberships, AuditLog audit) {
        this.organizations = organizations;
        this.projects = projects;
        this.environments = environments;
        this.apps = apps;
        this.memberships = memberships;
        this.audit = audit;
    }

    public List<ProjectAccess> projectsOf(UUID user) {
        return memberships.projectsOf(user);
    }

    /** The project if the user is a member of it; empty whether it does not exist or is someone else's. */
    public Optional<ProjectAccess> project(UUID user, String projectId) {
        return projects.find(projectId).flatMap(project -> memberships.roleOf(project.id(), user)
                .map(role -> new ProjectAccess(project, role)));
    }

    public List<Environment> environments(ProjectAccess access) {
        return environments.list(access.project().id());
    }

    public Optional<Environment> environment(ProjectAccess access, String machineName) {
        return environments.find(access.project().id(), machineName);
    }

    public List<App> apps(ProjectAccess access, Environment environment) {
        return apps.list(access.project().id(), environment.machineName());
    }

    /**
     * The project for an API call, or a 404 that does not tell a stranger's project from a
     * missing one. The refusal is audited as {@code action}.
     */
    public ProjectAccess requireProject(Actor actor, String projectId, String action) {
        return project(actor.userUuid(), projectId).orElseThrow(() -> refuse(actor, action, projectId,
                ApiException.notFound("No project '" + projectId + "' among your projects; GET /api/v1/projects "
                        + "lists them")));
    }

    /** As {@link #requireProject}, and the caller must be an admin of it (403 otherwise). */
    public ProjectAccess requireAdmin(Actor actor, String projectId, String action) {
        ProjectAccess access = requireProject(actor, projectId, action);
        if (!access.isAdmin()) {
            throw refuse(actor, action, projectId, ApiException.forbidden("Only admins of project " + projectId
                    + " can do this; your role is " + access.role().wire()));
        }
        return access;
    }

    /** The environment for an API call, or a 404 saying which environments exist. */
    public Environment requireEnvironment(Actor actor, ProjectAccess access, String machineName, String action) {
        return environment(access, machineName).orElseThrow(() -> refuse(actor, action, access.project().id(),
                ApiException.notFound("Project " + access.project().id() + " has no environment '" + machineName
                        + "'; GET /api/v1/projects/" + access.project().id() + "/environments lists them")));
    }

    /**
     * Where an SSH username leads: the project, then the named or default environment,
     * then the named or default app. Empty when any of them is missing, when the
     * environment is inactive, or when the username is not in one of the three forms.
     * Says nothing about who may go there: that is the gateway's decision.
     */
    public Optional<SshTarget> resolve(String sshUsername) {
        Optional<SshUsername> parsed = SshUsername.parse(sshUsername);
        Optional<Project> project = parsed.flatMap(username -> projects.find(username.projectId()));
        if (project.isEmpty()) {
            return Optional.empty();
        }
        SshUsername username = parsed.get();
        String environmentName = username.environment() == null
                ? project.get().defaultEnvironment() : username.environment();
        Optional<Environment> environment = environments.find(project.get().id(), environmentName)
                .filter(Environment::active);
        if (environment.isEmpty()) {
            return Optional.empty();
        }
        String appName = username.app() == null ? environment.get().defaultApp() : username.app();
        if (appName == null) {
            return Optional.empty();
        }
        Organization organization = organizations.find(project.get().organizationId()).orElseThrow();
        return apps.find(project.get().id(), environmentName, appName)
                .map(app -> new SshTarget(organization, project.get(), environment.get(), app));
    }

    private ApiException refuse(Actor actor, String action, String projectId, ApiException refusal) {
        audit.record(actor.refused(action, ProjectIds.isValid(projectId) ? projectId : null, refusal));
        return refusal;
    }
}

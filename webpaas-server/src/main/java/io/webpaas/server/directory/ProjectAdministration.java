package io.webpaas.server.directory;

import io.webpaas.server.audit.Actor;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.ApiException;
import io.webpaas.server.config.WebpaasProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to projects: create projects (organization admins), environments, apps and
 * memberships (project admins). Every request is checked whole before anything is
 * written, and every change and every refusal is audited. Since refusals come before any
 * write, a refusal commits instead of rolling back, so that its audit event is kept.
 */
@Service
public class ProjectAdministration {
    public static final String DEFAULT_ENVIRONMENT = "main";
    private static final int MAX_TEXT = 255;
    private static final int MAX_REGION = 64;
    private static final Pattern RELATIONSHIP_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final Directory directory;
    private final Organizations organizations;
    private final Projects projects;
    private final Environments environments;
    private final Apps apps;
    private final Memberships memberships;
    private final Users users;
    private final AuditLog audit;
    private final WebpaasProperties properties;

    public ProjectAdministration(Directory directory, Organizations organizations, Projects projects,
                                 Environments environments, Apps apps, Memberships memberships, Users users,
                                 AuditLog audit, WebpaasProperties properties) {
        this.directory = directory;
        this.organizations = organizations;
        this.projects = projects;
        this.environments = environments;
        this.apps = apps;
        this.memberships = memberships;
        this.users = users;
        this.audit = audit;
        this.properties = properties;
    }

    /** Creates the project with its default environment (production); the creator becomes its admin. */
    @Transactional(noRollbackFor = ApiException.class)
    public ProjectAccess createProject(Actor actor, NewProject request) {
        String action = "project.create";
        Organization organization = organizationFor(actor, request.organization(), action);
        String title = require(actor, action, null, "title", request.title(), MAX_TEXT);
        String region = request.region() == null ? properties.region()
                : require(actor, action, null, "region", request.region(), MAX_REGION);
        String defaultEnvironment = Objects.requireNonNullElse(request.defaultEnvironment(), DEFAULT_ENVIRONMENT);
        requireName(actor, action, null, "default_environment", defaultEnvironment);

        Project project = projects.create(organization.id(), title, region, defaultEnvironment);
        environments.create(project.id(), defaultEnvironment, defaultEnvironment, EnvironmentType.PRODUCTION, true);
        memberships.set(project.id(), actor.userUuid(), Role.ADMIN);
        audit.record(actor.success(action, project.id(), Map.of(
                "organization", organization.name(), "title", title, "region", region)));
        return new ProjectAccess(project, Role.ADMIN);
    }

    @Transactional(noRollbackFor = ApiException.class)
    public Environment createEnvironment(Actor actor, String projectId, NewEnvironment request) {
        String action = "environment.create";
        ProjectAccess access = directory.requireAdmin(actor, projectId, action);
        String name = require(actor, action, projectId, "name", request.name(), MAX_TEXT);
        String machineName = request.machineName() == null ? machineNameOf(name) : request.machineName();
        requireName(actor, action, projectId, "machine_name", machineName);
        EnvironmentType type;
        try {
            type = request.type() == null ? EnvironmentType.DEVELOPMENT : EnvironmentType.fromWire(request.type());
        } catch (IllegalArgumentException e) {
            throw refuse(actor, action, projectId, ApiException.invalid("type: " + e.getMessage()));
        }
        if (directory.environment(access, machineName).isPresent()) {
            throw refuse(actor, action, projectId, ApiException.conflict(
                    "Project " + projectId + " already has an environment '" + machineName + "'"));
        }
        boolean active = request.active() == null || request.active();
        Environment environment = environments.create(projectId, machineName, name, type, active);
        audit.record(actor.success(action, projectId, Map.of(
                "environment", machineName, "type", type.wire(), "active", active)));
        return environment;
    }

    /** Creates the app; the first app of an environment becomes its default app. */
    @Transactional(noRollbackFor = ApiException.class)
    public App createApp(Actor actor, String projectId, String environmentName, NewApp request) {
        String action = "app.create";
        ProjectAccess access = directory.requireAdmin(actor, projectId, action);
        Environment environment = directory.requireEnvironment(actor, access, environmentName, action);
        String name = require(actor, action, projectId, "name", request.name(), SshUsername.MAX_NAME_LENGTH);
        requireName(actor, action, projectId, "name", name);
        List<String> mounts = mounts(actor, projectId, request.mounts());
        Map<String, Relationship> relationships = relationships(actor, projectId, request.relationships());
        String runtimeHost = require(actor, action, projectId, "runtime_host", request.runtimeHost(), MAX_TEXT);
        if (request.runtimePort() == null || request.runtimePort() < 1 || request.runtimePort() > 65535) {
            throw refuse(actor, action, projectId, ApiException.invalid(
                    "runtime_port is required: the port (1-65535) of the app's runtime SSH server"));
        }
        if (apps.find(projectId, environment.machineName(), name).isPresent()) {
            throw refuse(actor, action, projectId, ApiException.conflict(
                    "Environment " + environment.machineName() + " already has an app '" + name + "'"));
        }
        App app = apps.create(projectId, environment.machineName(), name, mounts, relationships, runtimeHost,
                request.runtimePort());
        environments.defaultAppIfNone(projectId, environment.machineName(), name);
        audit.record(actor.success(action, projectId, Map.of("environment", environment.machineName(), "app", name,
                "runtime", runtimeHost + ":" + request.runtimePort())));
        return app;
    }

    /** Adds a member or changes their role; a project always keeps at least one admin. */
    @Transactional(noRollbackFor = ApiException.class)
    public Member setMember(Actor actor, String projectId, String username, String role) {
        String action = "member.set";
        directory.requireAdmin(actor, projectId, action);
        Role newRole;
        try {
            newRole = Role.fromWire(require(actor, action, projectId, "role", role, MAX_TEXT));
        } catch (IllegalArgumentException e) {
            throw refuse(actor, action, projectId, ApiException.invalid("role: " + e.getMessage()));
        }
        User user = requireUser(actor, action, projectId, username);
        boolean demotesAnAdmin = memberships.roleOf(projectId, user.uuid()).orElse(null) == Role.ADMIN
                && newRole != Role.ADMIN;
        if (demotesAnAdmin) {
            requireAnotherAdmin(actor, action, projectId);
        }
        memberships.set(projectId, user.uuid(), newRole);
        audit.record(actor.success(action, projectId, Map.of("member", username, "role", newRole.wire())));
        return memberships.membersOf(projectId).stream()
                .filter(member -> member.user().uuid().equals(user.uuid())).findFirst().orElseThrow();
    }

    @Transactional(noRollbackFor = ApiException.class)
    public void removeMember(Actor actor, String projectId, String username) {
        String action = "member.remove";
        directory.requireAdmin(actor, projectId, action);
        User user = requireUser(actor, action, projectId, username);
        Role role = memberships.roleOf(projectId, user.uuid()).orElseThrow(() -> refuse(actor, action, projectId,
                ApiException.notFound(username + " is not a member of project " + projectId)));
        if (role == Role.ADMIN) {
            requireAnotherAdmin(actor, action, projectId);
        }
        memberships.remove(projectId, user.uuid());
        audit.record(actor.success(action, projectId, Map.of("member", username, "role", role.wire())));
    }

    private Organization organizationFor(Actor actor, String name, String action) {
        List<Organization> administered = organizations.administeredBy(actor.userUuid());
        if (administered.isEmpty()) {
            throw refuse(actor, action, null, ApiException.forbidden(
                    "Only organization admins can create projects; ask an admin of your organization"));
        }
        if (name == null) {
            if (administered.size() > 1) {
                throw refuse(actor, action, null, ApiException.invalid("organization is required: you administer "
                        + administered.stream().map(Organization::name).toList()));
            }
            return administered.getFirst();
        }
        return administered.stream().filter(organization -> organization.name().equals(name)).findFirst()
                .orElseThrow(() -> refuse(actor, action, null, ApiException.forbidden(
                        "You are not an admin of an organization named '" + name + "'")));
    }

    private User requireUser(Actor actor, String action, String projectId, String username) {
        return users.findByUsername(username).orElseThrow(() -> refuse(actor, action, projectId,
                ApiException.notFound("No user named '" + username + "'; they need an account first")));
    }

    private void requireAnotherAdmin(Actor actor, String action, String projectId) {
        projects.lock(projectId);
        if (memberships.adminCount(projectId) < 2) {
            throw refuse(actor, action, projectId, ApiException.conflict("Project " + projectId
                    + " must keep at least one admin; make another member admin first"));
        }
    }

    private List<String> mounts(Actor actor, String projectId, List<String> mounts) {
        if (mounts == null) {
            return List.of();
        }
        for (String mount : mounts) {
            if (mount == null || mount.isBlank() || mount.startsWith("/") || mount.endsWith("/")
                    || List.of(mount.split("/")).contains("..") || mount.length() > 255) {
                throw refuse(actor, "app.create", projectId, ApiException.invalid("mounts: '" + mount
                        + "' is not a path relative to the app such as web/uploads"));
            }
        }
        // Inside a writable mount a session can put a symbolic link where the inner mount's path
        // goes, and the sandbox would bind whatever it points at, the host's directories included.
        for (String outer : mounts) {
            for (String inner : mounts) {
                if ((inner + "/").startsWith(outer + "/") && !inner.equals(outer)) {
                    throw refuse(actor, "app.create", projectId, ApiException.invalid("mounts: '" + inner
                            + "' is inside mount '" + outer + "'; mounts cannot be nested"));
                }
            }
        }
        return mounts;
    }

    private Map<String, Relationship> relationships(Actor actor, String projectId,
                                                    Map<String, Relationship> relationships) {
        if (relationships == null) {
            return Map.of();
        }
        Map<String, Relationship> checked = new LinkedHashMap<>();
        relationships.forEach((name, relationship) -> {
            if (!RELATIONSHIP_NAME.matcher(name).matches() || relationship == null || relationship.scheme() == null
                    || relationship.host() == null || relationship.host().isBlank()
                    || relationship.port() < 1 || relationship.port() > 65535) {
                throw refuse(actor, "app.create", projectId, ApiException.invalid("relationships: '" + name
                        + "' needs a lowercase name and a scheme, host and port (1-65535), e.g. "
                        + "{\"database\": {\"scheme\": \"pgsql\", \"host\": \"10.0.0.5\", \"port\": 5432}}"));
            }
            checked.put(name, relationship);
        });
        return checked;
    }

    private String require(Actor actor, String action, String projectId, String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw refuse(actor, action, projectId, ApiException.invalid(field + " is required"));
        }
        if (value.strip().length() > maxLength) {
            throw refuse(actor, action, projectId, ApiException.invalid(
                    field + " is longer than " + maxLength + " characters"));
        }
        return value.strip();
    }

    private void requireName(Actor actor, String action, String projectId, String field, String value) {
        if (!SshUsername.isValidName(value)) {
            throw refuse(actor, action, projectId, ApiException.invalid(field + " '" + value + "' must be lowercase "
                    + "letters, digits and single hyphens (at most " + SshUsername.MAX_NAME_LENGTH
                    + " characters), since it becomes part of SSH usernames"));
        }
    }

    /** "Feature X" becomes "feature-x". */
    private static String machineNameOf(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private ApiException refuse(Actor actor, String action, String projectId, ApiException refusal) {
        audit.record(actor.refused(action, projectId, refusal));
        return refusal;
    }
}

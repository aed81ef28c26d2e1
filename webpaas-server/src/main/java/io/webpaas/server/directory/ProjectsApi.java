package io.webpaas.server.directory;

import io.webpaas.server.audit.Actor;
import io.webpaas.server.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code /api/v1/projects}: the caller's projects, their environments and apps with the SSH
 * address of each app, and the admin writes. A project the caller is not a member of
 * answers 404 like a missing one.
 */
@RestController
@RequestMapping("/api/v1/projects")
public class ProjectsApi {
    private final Directory directory;
    private final ProjectAdministration administration;
    private final Environments environments;
    private final Memberships memberships;
    private final SshAddresses ssh;
    private final Organizations organizations;

    public ProjectsApi(Directory directory, ProjectAdministration administration, Environments environments,
                       Memberships memberships, SshAddresses ssh, Organizations organizations) {
        this.directory = directory;
        this.administration = administration;
        this.environments = environments;
        this.memberships = memberships;
        this.ssh = ssh;
        this.organizations = organizations;
    }

    @GetMapping
    public List<ProjectView> projects(Caller caller) {
        return directory.projectsOf(caller.userUuid()).stream().map(this::view).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ProjectView create(Caller caller, HttpServletRequest http, @RequestBody NewProject request) {
        return view(administration.createProject(caller.actor(http.getRemoteAddr()), request));
    }

    @GetMapping("/{projectId}")
    public ProjectView project(Caller caller, HttpServletRequest http, @PathVariable String projectId) {
        return view(directory.requireProject(caller.actor(http.getRemoteAddr()), projectId, "project.read"));
    }

    @GetMapping("/{projectId}/environments")
    public List<EnvironmentView> environments(Caller caller, HttpServletRequest http, @PathVariable String projectId) {
        ProjectAccess access = directory.requireProject(caller.actor(http.getRemoteAddr()), projectId, "project.read");
        return directory.environments(access).stream().map(EnvironmentView::of).toList();
    }

    @PostMapping("/{projectId}/environments")
    @ResponseStatus(HttpStatus.CREATED)
    public EnvironmentView createEnvironment(Caller caller, HttpServletRequest http, @PathVariable String projectId,
                                             @RequestBody NewEnvironment request) {
        return EnvironmentView.of(administration.createEnvironment(caller.actor(http.getRemoteAddr()), projectId, request));
    }

    @GetMapping("/{projectId}/environments/{environment}/apps")
    public List<AppView> apps(Caller caller, HttpServletRequest http, @PathVariable String projectId,
                              @PathVariable String environment) {
        Actor actor = caller.actor(http.getRemoteAddr());
        ProjectAccess access = directory.requireProject(actor, projectId, "project.read");
        Environment found = directory.requireEnvironment(actor, access, environment, "project.read");
        return directory.apps(access, found).stream().map(app -> view(found, app)).toList();
    }

    @PostMapping("/{projectId}/environments/{environment}/apps")
    @ResponseStatus(HttpStatus.CREATED)
    public AppView createApp(Caller caller, HttpServletRequest http, @PathVariable String projectId,
                             @PathVariable String environment, @RequestBody NewApp request) {
        App app = administration.createApp(caller.actor(http.getRemoteAddr()), projectId, environment, request);
        return view(environments.find(projectId, environment).orElseThrow(), app);
    }

    @GetMapping("/{projectId}/members")
    public List<MemberView> members(Caller caller, HttpServletRequest http, @PathVariable String projectId) {
        ProjectAccess access = directory.requireProject(caller.actor(http.getRemoteAddr()), projectId, "project.read");
        return memberships.membersOf(access.project().id()).stream().map(MemberView::of).toList();
    }

    @PutMapping("/{projectId}/members/{username}")
    public MemberView setMember(Caller caller, HttpServletRequest http, @PathVariable String projectId,
                                @PathVariable String username, @RequestBody RoleRequest request) {
        return MemberView.of(administration.setMember(caller.actor(http.getRemoteAddr()), projectId, username, request.role()));
    }

    @DeleteMapping("/{projectId}/members/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void removeMember(Caller caller, HttpServletRequest http, @PathVariable String projectId,
                             @PathVariable String username) {
        administration.removeMember(caller.actor(http.getRemoteAddr()), projectId, username);
    }


    private ProjectView view(ProjectAccess access) {
        Project project = access.project();
        SshUsername username = SshUsername.of(project.id(), null, null);
        boolean mfaRequired = organizations.find(project.organizationId()).map(Organization::enforceMfa).orElse(false);
        return new ProjectView(project.id(), project.title(), project.region(), project.defaultEnvironment(),
                access.role().wire(), ssh.url(username), mfaRequired, project.createdAt());
    }

    private AppView view(Environment environment, App app) {
        SshUsername username = SshUsername.of(app.projectId(), environment.machineName(), app.name());
        return new AppView(app.name(), environment.machineName(), app.name().equals(environment.defaultApp()),
                app.mounts(), app.relationships().open().keySet().stream().sorted().toList(), username.toString(),
                ssh.url(username), ssh.destination(username), ssh.port());
    }

    /**
     * {@code ssh_url} reaches the default environment's default app; {@code mfa_required} says the
     * organization admits only certificates with MFA over SSH, so a client can say so up front.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProjectView(String id, String title, String region, String defaultEnvironment, String role,
                              String sshUrl, boolean mfaRequired, Instant createdAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EnvironmentView(String name, String machineName, String type, boolean active, String defaultApp,
                                  Instant createdAt) {
        static EnvironmentView of(Environment environment) {
            return new EnvironmentView(environment.name(), environment.machineName(), environment.type().wire(),
                    environment.active(), environment.defaultApp(), environment.createdAt());
        }
    }

    /**
     * An app and how to reach it. Relationships are listed by name only: their credentials
     * are for the app's sessions, not for every member who can read the project.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AppView(String name, String environment, boolean isDefault, List<String> mounts,
                          List<String> relationships, String sshUsername, String sshUrl, String sshDestination,
                          int sshPort) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MemberView(String username, String userUuid, String role, Instant since) {
        static MemberView of(Member member) {
            return new MemberView(member.user().username(), member.user().uuid().toString(), member.role().wire(),
                    member.since());
        }
    }

    public record RoleRequest(String role) {
    }
}

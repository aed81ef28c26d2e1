package io.webpaas.server.console;

import io.webpaas.server.directory.App;
import io.webpaas.server.directory.Directory;
import io.webpaas.server.directory.Environment;
import io.webpaas.server.directory.ProjectAccess;
import io.webpaas.server.directory.SshAddresses;
import io.webpaas.server.directory.SshUsername;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The projects the user is a member of, a project's environments, and an environment's apps with their SSH commands. */
@Controller
class ProjectPages {
    private final Directory directory;
    private final SshAddresses ssh;

    ProjectPages(Directory directory, SshAddresses ssh) {
        this.directory = directory;
        this.ssh = ssh;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/projects";
    }

    @GetMapping("/projects")
    String projects(ConsoleUser user, Model model) {
        model.addAttribute("projects", directory.projectsOf(user.userUuid()));
        return "console/projects";
    }

    @GetMapping("/projects/{projectId}")
    String project(ConsoleUser user, @PathVariable String projectId, Model model) {
        ProjectAccess access = directory.requireProject(user.actor(), projectId, "project.read");
        model.addAttribute("access", access);
        model.addAttribute("environments", directory.environments(access));
        return "console/project";
    }

    @GetMapping("/projects/{projectId}/environments/{environment}")
    String environment(ConsoleUser user, @PathVariable String projectId, @PathVariable String environment,
                       Model model) {
        ProjectAccess access = directory.requireProject(user.actor(), projectId, "project.read");
        Environment found = directory.requireEnvironment(user.actor(), access, environment, "project.read");
        model.addAttribute("access", access);
        model.addAttribute("environment", found);
        model.addAttribute("apps", directory.apps(access, found).stream().map(app -> commands(found, app)).toList());
        return "console/environment";
    }

    /** The two ways to reach an app: plain OpenSSH, and the CLI. */
    record AppCommands(String name, boolean isDefault, List<String> mounts, String ssh, String cli) {
    }

    private AppCommands commands(Environment environment, App app) {
        SshUsername username = SshUsername.of(app.projectId(), environment.machineName(), app.name());
        String port = ssh.port() == 22 ? "" : "-p " + ssh.port() + " ";
        return new AppCommands(app.name(), app.name().equals(environment.defaultApp()), app.mounts(),
                "ssh " + port + ssh.destination(username),
                "webpaas ssh -p " + app.projectId() + " -e " + environment.machineName() + " -A " + app.name());
    }
}

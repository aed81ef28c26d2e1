package io.webpaas.cli.directory;

import io.webpaas.cli.Cli;
import io.webpaas.cli.CliException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the {@code -p}, {@code -e} and {@code -A} options into a project, an environment and
 * an app the user can see, asking at a terminal for the ones that were not given (project,
 * then environment, then app), and saying what exists when a name is wrong.
 */
public final class Targets {
    private final Directory directory;
    private final Chooser chooser;

    public Targets(Cli cli) {
        this.directory = new Directory(cli.api());
        this.chooser = new Chooser(cli);
    }

    public Directory directory() {
        return directory;
    }

    public Project project(String id) {
        List<Project> projects = directory.projects();
        if (projects.isEmpty()) {
            throw new CliException("You are not a member of any project.");
        }
        if (id == null) {
            return chooser.choose("project", "--project (-p)", projects,
                    project -> project.id() + " (" + project.title() + ")", null);
        }
        return projects.stream().filter(project -> project.id().equals(id)).findFirst()
                .orElseThrow(() -> new CliException("No project " + id + " among your projects: "
                        + projects.stream().map(Project::id).collect(Collectors.joining(", "))));
    }

    public Environment environment(Project project, String machineName) {
        List<Environment> environments = directory.environments(project.id()).stream()
                .filter(Environment::active).toList();
        if (environments.isEmpty()) {
            throw new CliException("Project " + project.id() + " has no active environment.");
        }
        if (machineName == null) {
            Environment preferred = environments.stream()
                    .filter(environment -> environment.machineName().equals(project.defaultEnvironment()))
                    .findFirst().orElse(null);
            return chooser.choose("environment", "--environment (-e)", environments, Environment::machineName, preferred);
        }
        return environments.stream().filter(environment -> environment.machineName().equals(machineName)).findFirst()
                .orElseThrow(() -> new CliException("Project " + project.id() + " has no active environment "
                        + machineName + "; it has: " + environments.stream().map(Environment::machineName)
                        .collect(Collectors.joining(", "))));
    }

    public App app(Project project, Environment environment, String name) {
        List<App> apps = directory.apps(project.id(), environment.machineName());
        if (apps.isEmpty()) {
            throw new CliException("Environment " + environment.machineName() + " of project " + project.id()
                    + " has no app.");
        }
        if (name == null) {
            return chooser.choose("app", "--app (-A)", apps, App::name,
                    apps.stream().filter(App::isDefault).findFirst().orElse(null));
        }
        return apps.stream().filter(app -> app.name().equals(name)).findFirst()
                .orElseThrow(() -> new CliException("Environment " + environment.machineName() + " of project "
                        + project.id() + " has no app " + name + "; it has: "
                        + apps.stream().map(App::name).collect(Collectors.joining(", "))));
    }

    /** Project, environment and app in that order, each from its option or chosen. */
    public Target target(String projectId, String environment, String app) {
        Project project = project(projectId);
        Environment found = environment(project, environment);
        return new Target(project, found, app(project, found, app));
    }

    public record Target(Project project, Environment environment, App app) {
    }
}

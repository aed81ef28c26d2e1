package io.webpaas.server.directory;

import io.webpaas.server.support.DirectoryFixture;
import static io.webpaas.server.support.DirectoryFixture.actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webpaas.server.audit.AuditEvent;
import io.webpaas.server.audit.AuditLog;
import io.webpaas.server.config.ApiException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DirectoryTest {
    @Autowired
    Users users;
    @Autowired
    Organizations organizations;
    @Autowired
    ProjectAdministration administration;
    @Autowired
    Directory directory;
    @Autowired
    Memberships memberships;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    DirectoryFixture fixture;
    User admin;

    @BeforeEach
    void setUp() {
        fixture = new DirectoryFixture(users, organizations, administration);
        admin = fixture.user("admin");
    }

    @Test
    void projectIdsAreThirteenRandomLowercaseBase32Characters() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(ProjectIds.next());
        }
        assertThat(ids).hasSize(10_000).allMatch(id -> id.matches("[a-z2-7]{13}"));
        assertThat(String.join("", ids).chars().distinct().count()).isEqualTo(32);
        assertThat(ProjectIds.isValid("wk5fqz6qoo123")).isFalse(); // '1' is not base32
        assertThat(ProjectIds.isValid("wk5fqz6qoo723")).isTrue();
    }

    @Test
    void createsAProjectWithItsDefaultEnvironmentAndTheCreatorAsAdmin() {
        Organization organization = fixture.organization(admin);

        ProjectAccess created = administration.createProject(actor(admin),
                new NewProject(organization.name(), "Shop", "eu-1", null));

        Project project = created.project();
        assertThat(ProjectIds.isValid(project.id())).isTrue();
        assertThat(project).extracting(Project::title, Project::region, Project::defaultEnvironment,
                Project::organizationId).containsExactly("Shop", "eu-1", "main", organization.id());
        assertThat(directory.environments(created)).singleElement().satisfies(main -> {
            assertThat(main.machineName()).isEqualTo("main");
            assertThat(main.type()).isEqualTo(EnvironmentType.PRODUCTION);
            assertThat(main.active()).isTrue();
        });
        assertThat(directory.projectsOf(admin.uuid())).containsExactly(new ProjectAccess(project, Role.ADMIN));
        assertThat(lastAudit(project.id()).type()).isEqualTo("project.create");
    }

    @Test
    void createsEnvironmentsAppsAndMembers() {
        ProjectAccess access = fixture.project(admin);
        String id = access.project().id();
        User viewer = fixture.user("viewer");

        Environment feature = administration.createEnvironment(actor(admin), id,
                new NewEnvironment("Feature X", null, null, null));
        App api = administration.createApp(actor(admin), id, "feature-x", new NewApp("api", List.of("var", "tmp/cache"),
                Map.of("cache", new Relationship("redis", "10.0.0.7", 6379, null, null, null)), "10.0.0.2", 2022));
        administration.createApp(actor(admin), id, "feature-x", new NewApp("worker", null, null, "10.0.0.3", 2022));
        administration.setMember(actor(admin), id, viewer.username(), "viewer");

        assertThat(feature.machineName()).isEqualTo("feature-x");
        assertThat(feature.type()).isEqualTo(EnvironmentType.DEVELOPMENT);
        Environment stored = directory.environment(access, "feature-x").orElseThrow();
        assertThat(stored.defaultApp()).as("the first app is the default").isEqualTo("api");
        assertThat(directory.apps(access, stored)).extracting(App::name).containsExactly("api", "worker");
        assertThat(directory.apps(access, stored).getFirst()).satisfies(app -> {
            assertThat(app.mounts()).containsExactly("var", "tmp/cache");
            assertThat(app.relationships().open()).containsEntry("cache",
                    new Relationship("redis", "10.0.0.7", 6379, null, null, null));
            assertThat(app.runtimeHost()).isEqualTo("10.0.0.2");
        });
        assertThat(api.runtimePort()).isEqualTo(2022);
        assertThat(jdbc.sql("SELECT relationships FROM apps WHERE project_id = ? AND name = 'api'").param(id)
                .query(String.class).single()).as("sealed at rest").doesNotContain("redis", "10.0.0.7");
        assertThat(memberships.membersOf(id)).extracting(member -> member.user().username(), Member::role)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(admin.username(), Role.ADMIN),
                        org.assertj.core.groups.Tuple.tuple(viewer.username(), Role.VIEWER));
        assertThat(directory.projectsOf(viewer.uuid())).extracting(ProjectAccess::role).containsExactly(Role.VIEWER);
    }

    @Test
    void resolvesFullAndShortSshUsernames() {
        ProjectAccess access = fixture.project(admin);
        String id = access.project().id();
        administration.createApp(actor(admin), id, "main", new NewApp("worker", null, null, "127.0.0.1", 2023));
        administration.createEnvironment(actor(admin), id, new NewEnvironment("Old", "old", "staging", false));
        administration.createApp(actor(admin), id, "old", new NewApp("app", null, null, "127.0.0.1", 2024));

        assertThat(directory.resolve(id + "-main--worker")).hasValueSatisfying(target -> {
            assertThat(target.organization().id()).isEqualTo(access.project().organizationId());
            assertThat(target.organization().enforceMfa()).isFalse();
            assertThat(target.project().id()).isEqualTo(id);
            assertThat(target.environment().machineName()).isEqualTo("main");
            assertThat(target.app().name()).isEqualTo("worker");
            assertThat(target.app().runtimePort()).isEqualTo(2023);
        });
        assertThat(directory.resolve(id)).map(target -> target.username().toString()).hasValue(id + "-main--app");
        assertThat(directory.resolve(id + "-main")).map(target -> target.app().name()).hasValue("app");

        assertThat(directory.resolve(id + "-staging--app")).as("unknown environment").isEmpty();
        assertThat(directory.resolve(id + "-old--app")).as("inactive environment").isEmpty();
        assertThat(directory.resolve(id + "-main--api")).as("unknown app").isEmpty();
        assertThat(directory.resolve(ProjectIds.next() + "-main--app")).as("unknown project").isEmpty();
        assertThat(directory.resolve(id + "main--app")).as("no separator").isEmpty();
        assertThat(directory.resolve(id + "-main---app")).as("triple hyphen").isEmpty();
        assertThat(directory.resolve("root")).isEmpty();
        assertThat(directory.resolve(null)).isEmpty();
    }

    @Test
    void routingAnSshUsernameLeavesTheAppsRelationshipsSealed() {
        Relationship database = new Relationship("pgsql", "10.0.0.5", 5432, "main", "main", "s3cret");
        String id = fixture.project(admin, Map.of("database", database)).project().id();
        String otherId = fixture.project(admin, Map.of("database", database)).project().id();

        SshTarget target = directory.resolve(id).orElseThrow();
        assertThat(target.toString()).as("what a log line would show").doesNotContain("s3cret");
        assertThat(target.app().relationships().open()).containsExactly(Map.entry("database", database));

        // the other app's sealed value cannot be opened for this app: the lookup must not try
        String foreign = jdbc.sql("SELECT relationships FROM apps WHERE project_id = ?").param(otherId)
                .query(String.class).single();
        jdbc.sql("UPDATE apps SET relationships = ? WHERE project_id = ?").params(foreign, id).update();
        SshTarget routed = directory.resolve(id).orElseThrow();
        assertThat(routed.app().runtimePort()).isEqualTo(2022);
        assertThatThrownBy(() -> routed.app().relationships().open()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot decrypt apps.relationships:" + id);
    }

    @Test
    void parsesAndFormatsSshUsernames() {
        assertThat(SshUsername.parse("wk5fqz6qoo723-feature-x--my-app"))
                .hasValue(SshUsername.of("wk5fqz6qoo723", "feature-x", "my-app"));
        assertThat(SshUsername.of("wk5fqz6qoo723", "main", "app")).hasToString("wk5fqz6qoo723-main--app");
        assertThat(SshUsername.parse("wk5fqz6qoo723")).hasValue(SshUsername.of("wk5fqz6qoo723", null, null));
        assertThat(SshUsername.parse("wk5fqz6qoo723-")).isEmpty();
        assertThat(SshUsername.parse("wk5fqz6qoo723-main--")).isEmpty();
        assertThat(SshUsername.parse("WK5FQZ6QOO723-main--app")).isEmpty();
    }

    @Test
    void membersSeeTheirProjectsAndOthersSeeNothing() {
        ProjectAccess access = fixture.project(admin);
        String id = access.project().id();
        User stranger = fixture.user("stranger");
        User viewer = fixture.user("viewer");
        administration.setMember(actor(admin), id, viewer.username(), "viewer");

        assertThat(directory.projectsOf(stranger.uuid())).isEmpty();
        assertThat(directory.project(stranger.uuid(), id)).isEmpty();
        assertRefused(() -> directory.requireProject(actor(stranger), id, "project.read"), HttpStatus.NOT_FOUND);
        assertThat(lastAudit(id)).satisfies(event -> {
            assertThat(event.type()).isEqualTo("project.read");
            assertThat(event.outcome()).isEqualTo("failure");
            assertThat(event.userUuid()).isEqualTo(stranger.uuid());
        });
        assertThat(directory.project(viewer.uuid(), id)).map(ProjectAccess::role).hasValue(Role.VIEWER);
        assertRefused(() -> directory.requireAdmin(actor(viewer), id, "environment.create"), HttpStatus.FORBIDDEN);
    }

    @Test
    void refusesBadRequestsWithoutWritingAndAuditsThem() {
        ProjectAccess access = fixture.project(admin);
        String id = access.project().id();
        User notAnOrgAdmin = fixture.user("member");

        assertRefused(() -> administration.createProject(actor(notAnOrgAdmin), new NewProject(null, "X", null, null)),
                HttpStatus.FORBIDDEN);
        assertRefused(() -> administration.createProject(actor(admin), new NewProject(null, " ", null, null)),
                HttpStatus.BAD_REQUEST).hasMessage("title is required");
        assertRefused(() -> administration.createProject(actor(admin), new NewProject(null, "X", "r".repeat(65), null)),
                HttpStatus.BAD_REQUEST).hasMessage("region is longer than 64 characters");
        assertRefused(() -> administration.createEnvironment(actor(admin), id,
                new NewEnvironment("Bad", "Bad--Name", null, null)), HttpStatus.BAD_REQUEST)
                .hasMessageContaining("machine_name 'Bad--Name' must be lowercase letters, digits and single hyphens");
        assertRefused(() -> administration.createEnvironment(actor(admin), id,
                new NewEnvironment("Main", null, null, null)), HttpStatus.CONFLICT);
        assertRefused(() -> administration.createEnvironment(actor(admin), id,
                new NewEnvironment("qa", null, "testing", null)), HttpStatus.BAD_REQUEST)
                .hasMessageContaining("use production, staging or development");
        assertRefused(() -> administration.createApp(actor(admin), id, "main",
                new NewApp("api", List.of("../etc"), null, "127.0.0.1", 2022)), HttpStatus.BAD_REQUEST)
                .hasMessageContaining("mounts: '../etc'");
        assertRefused(() -> administration.createApp(actor(admin), id, "main",
                new NewApp("api", null, null, "127.0.0.1", null)), HttpStatus.BAD_REQUEST)
                .hasMessageContaining("runtime_port");
        assertRefused(() -> administration.setMember(actor(admin), id, admin.username(), "owner"),
                HttpStatus.BAD_REQUEST).hasMessageContaining("use admin, contributor or viewer");
        assertRefused(() -> administration.setMember(actor(admin), id, admin.username(), "viewer"),
                HttpStatus.CONFLICT).hasMessageContaining("must keep at least one admin");
        assertRefused(() -> administration.removeMember(actor(admin), id, admin.username()), HttpStatus.CONFLICT);
        assertRefused(() -> administration.setMember(actor(admin), id, DirectoryFixture.unique("nobody"), "viewer"),
                HttpStatus.NOT_FOUND);

        assertThat(directory.environments(access)).extracting(Environment::machineName).containsExactly("main");
        assertThat(directory.apps(access, directory.environment(access, "main").orElseThrow()))
                .extracting(App::name).containsExactly("app");
        assertThat(memberships.membersOf(id)).singleElement().extracting(Member::role).isEqualTo(Role.ADMIN);
        assertThat(lastAudit(id)).satisfies(event -> {
            assertThat(event.type()).isEqualTo("member.set");
            assertThat(event.outcome()).isEqualTo("failure");
            assertThat(event.detail()).containsEntry("status", 404);
        });
    }

    @Test
    void anAdminCanStepDownOnceAnotherAdminExists() {
        String id = fixture.project(admin).project().id();
        User second = fixture.user("second");

        administration.setMember(actor(admin), id, second.username(), "admin");
        administration.setMember(actor(second), id, admin.username(), "contributor");
        administration.removeMember(actor(second), id, admin.username());

        assertThat(memberships.membersOf(id)).extracting(member -> member.user().username())
                .containsExactly(second.username());
        assertThat(directory.project(admin.uuid(), id)).isEmpty();
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnceLeaveOneAdmin() throws Exception {
        for (int round = 0; round < 10; round++) {
            User first = fixture.user("first");
            User second = fixture.user("second");
            String id = fixture.project(first).project().id();
            administration.setMember(actor(first), id, second.username(), "admin");

            try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> demotions = List.of(
                        threads.submit(() -> demote(start, first, second, id)),
                        threads.submit(() -> demote(start, second, first, id)));
                start.countDown();
                for (Future<?> demotion : demotions) {
                    demotion.get();
                }
            }

            assertThat(memberships.adminCount(id)).as("round " + round).isOne();
        }
    }

    private void demote(CountDownLatch start, User admin, User other, String projectId) {
        try {
            start.await();
            administration.setMember(actor(admin), projectId, other.username(), "contributor");
        } catch (ApiException refused) {
            assertThat(refused.status()).isIn(HttpStatus.CONFLICT, HttpStatus.FORBIDDEN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, HttpStatus status) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class,
                refusal -> assertThat(refusal.status()).isEqualTo(status));
    }

    private AuditEvent lastAudit(String projectId) {
        return audit.find(null, null, projectId, 0, 1).getFirst();
    }
}

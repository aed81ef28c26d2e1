package io.webpaas.server.directory;

import io.webpaas.server.config.WebpaasProperties;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo organization, users and project of all-in-one, made at the first start when
 * {@code webpaas.demo} is on. Idempotent: nothing happens when organization {@code demo}
 * exists. Runs before the application is ready, so the startup banner can show the result.
 */
@Component
public class DemoData implements ApplicationRunner {
    public static final String ORGANIZATION = "demo";
    public static final String ADMIN = "demo";
    public static final String VIEWER = "viewer";
    static final List<String> USERS = List.of(ADMIN, VIEWER);
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Organizations organizations;
    private final Users users;
    private final Projects projects;
    private final Environments environments;
    private final Apps apps;
    private final Memberships memberships;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final WebpaasProperties properties;

    public DemoData(Organizations organizations, Users users, Projects projects, Environments environments, Apps apps,
                    Memberships memberships, TransactionTemplate transaction, ApplicationEventPublisher events,
                    WebpaasProperties properties) {
        this.organizations = organizations;
        this.users = users;
        this.projects = projects;
        this.environments = environments;
        this.apps = apps;
        this.memberships = memberships;
        this.transaction = transaction;
        this.events = events;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.demo() && properties.runs("auth")) {
            seedIfMissing();
            announce();
        }
    }

    /** Seeds the demo data unless organization {@code demo} exists; returns what it made. */
    public Optional<DemoCredentials> seedIfMissing() {
        Optional<DemoCredentials> seeded = transaction.execute(status ->
                organizations.findByName(ORGANIZATION).isPresent() ? Optional.empty() : Optional.of(seed()));
        seeded.ifPresent(credentials -> {
            credentials.write(properties.dataDir());
            log.info("Seeded demo organization, users {} and project {}", USERS, credentials.projectId());
        });
        return seeded;
    }

    /**
     * Publishes {@link DemoDataSeeded} at every start, not only the first, so other features
     * can make or repair their part (a deleted or revoked demo API token is replaced).
     */
    public void announce() {
        DemoCredentials.read(properties.dataDir()).ifPresent(credentials -> users.findByUsername(ADMIN)
                .ifPresent(admin -> events.publishEvent(new DemoDataSeeded(admin, credentials.projectId()))));
    }

    private DemoCredentials seed() {
        Organization organization = organizations.create(ORGANIZATION, "Demo", false);
        Map<String, String> passwords = new LinkedHashMap<>();
        USERS.forEach(username -> passwords.put(username, randomPassword()));
        User admin = users.create(ADMIN, "demo@example.com", passwords.get(ADMIN), false);
        User viewer = users.create(VIEWER, "viewer@example.com", passwords.get(VIEWER), false);
        organizations.setMember(organization.id(), admin.uuid(), OrganizationRole.ADMIN);
        organizations.setMember(organization.id(), viewer.uuid(), OrganizationRole.MEMBER);

        String main = ProjectAdministration.DEFAULT_ENVIRONMENT;
        Project project = projects.create(organization.id(), "Demo", properties.region(), main);
        environments.create(project.id(), main, main, EnvironmentType.PRODUCTION, true);
        apps.create(project.id(), main, "app", List.of("web/uploads", "var"),
                Map.of("database", new Relationship("pgsql", "127.0.0.1", 5432, "main", "main", "main")),
                "127.0.0.1", 2022);
        environments.defaultAppIfNone(project.id(), main, "app");
        memberships.set(project.id(), admin.uuid(), Role.ADMIN);
        memberships.set(project.id(), viewer.uuid(), Role.VIEWER);
        return new DemoCredentials(project.id(), passwords);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

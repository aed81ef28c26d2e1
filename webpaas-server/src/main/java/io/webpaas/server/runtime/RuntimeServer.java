package io.webpaas.server.runtime;

import io.webpaas.server.certifier.HostCertificate;
import io.webpaas.server.certifier.HostCertificates;
import io.webpaas.server.config.WebpaasProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.DirectTcpipFactory;
import org.apache.sshd.server.forward.ForwardingFilter;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The runtime role: the app host's SSH server. Gateways log in with internal certificates and
 * every channel runs inside the app's sandbox. Its host key carries a certificate from the host
 * CA, which gateways demand ({@link HostCertificates}: from the auth service when this server
 * does not run the auth role). Starts only when {@code webpaas.roles} has {@code runtime}, and
 * refuses to start without bwrap unless told to run unsandboxed.
 */
@Component
public class RuntimeServer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RuntimeServer.class);

    private final WebpaasProperties webpaas;
    private final RuntimeProperties properties;
    private final Sandbox sandbox;
    private final InternalCertificates certificates;
    private final SessionCommands commands;
    private final RelationshipForwarding forwarding;
    private final SandboxAgents agents;
    private final HostCertificates hostCertificates;
    private final RuntimeAudit audit;
    private volatile SshServer server;
    private volatile HostCertificate hostCertificate;

    RuntimeServer(WebpaasProperties webpaas, RuntimeProperties properties, Sandbox sandbox,
                  InternalCertificates certificates, SessionCommands commands, RelationshipForwarding forwarding,
                  SandboxAgents agents, HostCertificates hostCertificates, RuntimeAudit audit) {
        this.webpaas = webpaas;
        this.properties = properties;
        this.sandbox = sandbox;
        this.certificates = certificates;
        this.commands = commands;
        this.forwarding = forwarding;
        this.agents = agents;
        this.hostCertificates = hostCertificates;
        this.audit = audit;
    }

    @Override
    public void start() {
        if (!webpaas.runs("runtime")) {
            return;
        }
        sandbox.requireAvailable();
        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setHost(properties.host());
        ssh.setPort(properties.port());
        SimpleGeneratorHostKeyProvider hostKey = hostKey();
        ssh.setKeyPairProvider(hostKey);
        // loadKeys makes the key at the first start, so it is certified before anyone connects
        hostCertificate = hostCertificates.certify(hostKey.loadKeys(null).getFirst().getPublic(), "runtime",
                properties.hostnames());
        ssh.setHostKeyCertificateProvider(hostCertificate);
        ssh.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        ssh.setPublickeyAuthenticator(certificates);
        ssh.setChannelFactories(List.of(new TerminalSessions(audit), DirectTcpipFactory.INSTANCE));
        ssh.setShellFactory(channel -> commands.shell());
        ssh.setCommandFactory((channel, command) -> commands.exec(command));
        ssh.setSubsystemFactories(List.of(new SftpSubsystem()));
        ssh.setAgentFactory(agents);
        ssh.setForwardingFilter(ForwardingFilter.asForwardingFilter(agents, new RejectAllForwardingFilter(),
                forwarding));
        try {
            ssh.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the runtime cannot listen on " + properties.host() + ":"
                    + properties.port(), e);
        }
        server = ssh;
        log.info("runtime SSH server listening on {}:{}", properties.host(), port());
    }

    /** The port actually bound (the configured one may be 0). */
    public int port() {
        return ((InetSocketAddress) server.getBoundAddresses().iterator().next()).getPort();
    }

    private SimpleGeneratorHostKeyProvider hostKey() {
        Path dir = webpaas.dataDir().resolve("runtime");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + " for the runtime's host key", e);
        }
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(dir.resolve("ssh_host_ec_key"));
        provider.setAlgorithm("EC");
        provider.setKeySize(256);
        return provider;
    }

    @Override
    public void stop() {
        SshServer running = server;
        server = null;
        if (hostCertificate != null) {
            hostCertificate.close();
        }
        if (running != null) {
            try {
                running.stop(true);
            } catch (IOException e) {
                log.warn("runtime SSH server did not stop cleanly: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** OpenSSH's sftp-server in the app's sandbox, so file access obeys the same read-only rules. */
    private final class SftpSubsystem implements SubsystemFactory {
        @Override
        public String getName() {
            return "sftp";
        }

        @Override
        public Command createSubsystem(ChannelSession channel) {
            return commands.sftp();
        }
    }
}

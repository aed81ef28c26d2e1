package io.webpaas.server.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The gateway role: MINA SSHD on {@code webpaas.gateway.host:port} with the certified host key,
 * public key authentication only, the abuse limits (login grace time, authentication attempts
 * per connection; throttling and the unauthenticated cap live in {@link GatewayAuthenticator}),
 * and every session channel bridged to the app's runtime.
 */
@Component
@Conditional(OnGatewayRole.class)
class GatewayServer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);
    /** Subsystems carried to the runtime. */
    private static final List<String> SUBSYSTEMS = List.of("sftp");

    private final GatewayProperties properties;
    private final HostKey hostKey;
    private final GatewayAuthenticator authenticator;
    private final Runtimes runtimes;
    private final GatewayAudit audit;
    private final ConnectionRefusals refusals;
    private volatile SshServer server;

    GatewayServer(GatewayProperties properties, HostKey hostKey, GatewayAuthenticator authenticator,
                  Runtimes runtimes, GatewayAudit audit, ConnectionRefusals refusals) {
        this.properties = properties;
        this.hostKey = hostKey;
        this.authenticator = authenticator;
        this.runtimes = runtimes;
        this.audit = audit;
        this.refusals = refusals;
    }

    /** A fresh server at every start: a MINA server cannot start again once stopped. */
    private SshServer newServer() {
        SshServer server = SshServer.setUpDefaultServer();
        server.setSessionFactory(GatewaySession.factory(server));
        LoadBalancers loadBalancers = new LoadBalancers(properties.proxyProtocolFrom(), refusals);
        if (loadBalancers.any()) {
            server.setServerProxyAcceptor(loadBalancers);
        }
        server.setHost(properties.host());
        server.setPort(properties.port());
        server.setKeyPairProvider(hostKey.keys());
        server.setHostKeyCertificateProvider(hostKey);
        server.setPublickeyAuthenticator(authenticator);
        server.setUserAuthFactories(List.of(CheckedPublicKeyAuth.factory(authenticator)));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.addSessionListener(authenticator);
        server.setChannelFactories(List.of(GatewayChannelSession.factory(audit),
                BridgedTcpipChannel.factory(runtimes, audit)));
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setShellFactory(channel -> new BridgedCommand(new BridgedCommand.Request("shell", null), runtimes,
                audit));
        server.setCommandFactory((channel, command) -> new BridgedCommand(
                new BridgedCommand.Request("exec", command), runtimes, audit));
        server.setSubsystemFactories(SUBSYSTEMS.stream().map(name -> subsystem(name, runtimes, audit)).toList());
        CoreModuleProperties.AUTH_TIMEOUT.set(server, properties.loginGrace());
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, properties.maxAuthAttempts());
        return server;
    }

    private static SubsystemFactory subsystem(String name, Runtimes runtimes, GatewayAudit audit) {
        return new SubsystemFactory() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public BridgedCommand createSubsystem(ChannelSession channel) {
                return new BridgedCommand(new BridgedCommand.Request("subsystem", name), runtimes, audit);
            }
        };
    }

    /** The port it listens on, which differs from the configured one when that is 0. */
    int port() {
        return ((InetSocketAddress) server.getBoundAddresses().iterator().next()).getPort();
    }

    @Override
    public void start() {
        server = newServer();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + properties.host() + ":" + properties.port(), e);
        }
        log.info("SSH gateway listening on {}:{}", properties.host(), port());
    }

    @Override
    public void stop() {
        try {
            server.stop(true);
        } catch (IOException e) {
            log.warn("stopping the SSH gateway: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return server != null && server.isStarted();
    }
}

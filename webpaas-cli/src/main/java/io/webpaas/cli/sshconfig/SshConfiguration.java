package io.webpaas.cli.sshconfig;

import io.webpaas.cli.api.ApiClient;
import io.webpaas.cli.certificate.CertificateFiles;
import io.webpaas.cli.home.CliHome;
import io.webpaas.cli.home.PrivateFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ssh configuration that makes plain {@code ssh user@gateway} work: the session's
 * {@code ssh/config} (a {@code Match … exec} line that renews the certificate before each
 * connection, then the gateway's port, certificate, key and known_hosts), its
 * {@code known_hosts} (an {@code @cert-authority} line per host CA key), the include file
 * {@code ~/.webpaas/ssh/webpaas-cli.config}, and with the user's consent a marked block in
 * {@code ~/.ssh/config} that includes it.
 */
public final class SshConfiguration {
    private final CliHome home;
    private final CertificateFiles files;
    private final String renewCommand;
    private final UserSshConfig userConfig;

    /**
     * @param renewCommand the shell command the {@code Match exec} line runs, e.g.
     *                     {@code /opt/webpaas/bin/webpaas ssh-cert:load --refresh-only --yes --quiet}
     */
    public SshConfiguration(CliHome home, CertificateFiles files, String renewCommand) {
        this.home = home;
        this.files = files;
        this.renewCommand = renewCommand;
        this.userConfig = new UserSshConfig(home.userSshConfig());
    }

    /** The launcher's command line for the Match exec, carrying WEBPAAS_HOME when it was set. */
    public static String renewCommand(String launcher, String webpaasHome) {
        String command = SshConfigText.shellWord(launcher) + " ssh-cert:load --refresh-only --yes --quiet";
        return webpaasHome == null ? command : "env WEBPAAS_HOME=" + SshConfigText.shellWord(webpaasHome) + " " + command;
    }

    /** Writes the session's ssh config, known_hosts and the include file, from the server's answers. */
    public GatewayAddress writeSessionFiles(ApiClient api) {
        GatewayAddress gateway = api.get("/ssh/gateway", GatewayAddress.class);
        HostAuthorities authorities = api.get("/ssh/host-authority", HostAuthorities.class);
        PrivateFiles.write(knownHosts(), knownHostsText(gateway, authorities.authorities()));
        PrivateFiles.write(sessionConfig(), sessionConfigText(gateway));
        PrivateFiles.write(home.includeFile(), "# Written by the webpaas CLI: the logged-in session's ssh config.\n"
                + "Include " + SshConfigText.quote(sessionConfig().toString()) + "\n");
        return gateway;
    }

    public boolean includedInUserConfig() {
        return userConfig.includes(home.includeFile());
    }

    public void includeInUserConfig() {
        PrivateFiles.createDirectories(home.userSshConfig().getParent());
        userConfig.include(home.includeFile());
    }

    public Path userConfigFile() {
        return home.userSshConfig();
    }

    public Path includeFile() {
        return home.includeFile();
    }

    /** Takes the include file and the block in ~/.ssh/config away (the session's files go with the session). */
    public void remove() {
        userConfig.remove();
        PrivateFiles.delete(home.includeFile());
    }

    private Path sessionConfig() {
        return files.dir().resolve("config");
    }

    public Path knownHosts() {
        return files.dir().resolve("known_hosts");
    }

    private String sessionConfigText(GatewayAddress gateway) {
        return """
                # Written by `webpaas login` for this session; `webpaas logout` removes it.
                # Before each connection to the gateway, ssh asks the CLI to renew the certificate if needed.
                Match host %s exec %s

                Host %s
                  Port %d
                  CertificateFile %s
                  IdentityFile %s
                  UserKnownHostsFile %s ~/.ssh/known_hosts
                """.formatted(SshConfigText.quote(gateway.host()), SshConfigText.quote(renewCommand), gateway.host(),
                gateway.port(), SshConfigText.quote(files.certificate().toString()),
                SshConfigText.quote(files.privateKey().toString()), SshConfigText.quote(knownHosts().toString()));
    }

    /** ssh looks a non-standard port up as {@code [host]:port}, so both names are listed. */
    private static String knownHostsText(GatewayAddress gateway, List<String> authorities) {
        String hosts = gateway.port() == 22 ? gateway.host()
                : gateway.host() + ",[" + gateway.host() + "]:" + gateway.port();
        return authorities.stream().map(key -> "@cert-authority " + hosts + " " + key + "\n")
                .collect(Collectors.joining());
    }
}

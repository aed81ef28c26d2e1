package io.webpaas.server.runtime;

import java.io.IOException;
import java.util.Map;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.PtyMode;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;

/**
 * Session channels that give a terminal ({@code pty-req}) only when the certificate has
 * {@code permit-pty}, and remember whether the client asked for one: MINA keeps only the
 * terminal modes, which {@code ssh -tt} without a local terminal sends empty.
 */
final class TerminalSessions extends ChannelSessionFactory {
    private static final AttributeKey<Boolean> TERMINAL = new AttributeKey<>();

    private final RuntimeAudit audit;

    TerminalSessions(RuntimeAudit audit) {
        this.audit = audit;
    }

    @Override
    public Channel createChannel(Session session) {
        return new TerminalAwareChannel();
    }

    static boolean requested(ChannelSession channel) {
        return Boolean.TRUE.equals(channel.getAttribute(TERMINAL));
    }

    private final class TerminalAwareChannel extends ChannelSession {
        @Override
        protected RequestHandler.Result handlePtyReqParsed(String term, int columns, int rows, int width, int height,
                                                           Map<PtyMode, Integer> modes) throws IOException {
            RuntimeSession runtime = RuntimeSession.of(getSession());
            if (!runtime.permits().pty()) {
                runtime.refused(audit, "runtime.pty", getSession(), "the certificate does not permit a terminal",
                        Map.of());
                return RequestHandler.Result.ReplyFailure;
            }
            setAttribute(TERMINAL, Boolean.TRUE);
            return super.handlePtyReqParsed(term, columns, rows, width, height, modes);
        }
    }
}

package io.webpaas.server.gateway;

import java.io.IOException;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * Channel requests MINA has no API for: a client cannot send {@code signal} and a server never
 * sends {@code exit-signal}, so the bridge writes them itself (RFC 4254 6.9 and 6.10).
 */
final class ChannelRequests {
    private ChannelRequests() {
    }

    static void signal(Channel channel, String signal) throws IOException {
        Buffer buffer = request(channel, "signal");
        buffer.putString(signal);
        channel.writePacket(buffer);
    }

    static void exitSignal(Channel channel, String signal) throws IOException {
        Buffer buffer = request(channel, "exit-signal");
        buffer.putString(signal);
        buffer.putBoolean(false); // core dumped: not known to the bridge
        buffer.putString("");
        buffer.putString("");
        channel.writePacket(buffer);
    }

    private static Buffer request(Channel channel, String request) {
        Buffer buffer = channel.getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST, 64);
        buffer.putUInt(channel.getRecipient());
        buffer.putString(request);
        buffer.putBoolean(false);
        return buffer;
    }
}

package io.webpaas.server.gateway;

import java.util.function.Supplier;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;

/** A MINA channel factory: the channel type it answers to, and what makes each channel. */
record NamedChannelFactory(String type, Supplier<Channel> channels) implements ChannelFactory {
    @Override
    public String getName() {
        return type;
    }

    @Override
    public Channel createChannel(Session session) {
        return channels.get();
    }
}

package io.webpaas.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The header parser at its edges; the header from a balancer in front of the real ssh is GatewayBehindLoadBalancerTest's. */
class ProxyProtocolHeaderTest {
    private static final String V2_START = "0d0a0d0a000d0a515549540a";

    @Test
    void versionOneIsReadOnceItsLineIsComplete() throws ProtocolException {
        byte[] line = ascii("PROXY TCP6 2001:db8::7 2001:db8::1 40000 2222\r\nSSH-2.0-OpenSSH_9.2\r\n");

        assertThat(ProxyProtocolHeader.parse(line, 0, 20)).isNull();
        ProxyProtocolHeader header = ProxyProtocolHeader.parse(line, 0, line.length);

        assertThat(header.length()).isEqualTo(line.length - "SSH-2.0-OpenSSH_9.2\r\n".length());
        assertThat(header.client()).isEqualTo(new InetSocketAddress("2001:db8::7", 40000));
        assertThat(ProxyProtocolHeader.parse(ascii("PROXY UNKNOWN\r\n"), 0, 15).client()).isNull();
    }

    @Test
    void versionOneNamesAnAddressOfItsFamilyAndNeverAName() {
        assertRefused("PROXY TCP4 example.com 127.0.0.1 1 2\r\n", "malformed");
        assertRefused("PROXY TCP4 10.0.0.256 127.0.0.1 1 2\r\n", "not one");
        assertRefused("PROXY TCP4 2001:db8::7 127.0.0.1 1 2\r\n", "not one");
        assertRefused("PROXY TCP6 10.0.0.1 ::1 1 2\r\n", "not one");
        assertRefused("PROXY TCP4 10.0.0.1 127.0.0.1 70000 2\r\n", "out of range");
        assertRefused("PROXY TCP4 10.0.0.1 127.0.0.1 1 2" + " ".repeat(100), "longer than 107");
        assertRefused("SSH-2.0-OpenSSH_9.2\r\n", "does not start with a PROXY protocol header");
    }

    @Test
    void versionTwoLocalKeepsTheConnectionsAddressAndItsLengthIsHonoured() throws ProtocolException {
        byte[] local = HexFormat.of().parseHex(V2_START + "20" + "00" + "0000");
        byte[] withTlv = HexFormat.of().parseHex(V2_START + "21" + "11" + "0010" + "0a000007" + "7f000001" + "9c40"
                + "08ae" + "03000100");

        assertThat(ProxyProtocolHeader.parse(local, 0, local.length)).isEqualTo(new ProxyProtocolHeader(16, null));
        assertThat(ProxyProtocolHeader.parse(withTlv, 0, withTlv.length - 1)).isNull();
        assertThat(ProxyProtocolHeader.parse(withTlv, 0, withTlv.length))
                .isEqualTo(new ProxyProtocolHeader(32, new InetSocketAddress("10.0.0.7", 40000)));
    }

    private static void assertRefused(String text, String reason) {
        byte[] bytes = ascii(text);
        assertThatThrownBy(() -> ProxyProtocolHeader.parse(bytes, 0, bytes.length))
                .isInstanceOf(ProtocolException.class).hasMessageContaining(reason);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

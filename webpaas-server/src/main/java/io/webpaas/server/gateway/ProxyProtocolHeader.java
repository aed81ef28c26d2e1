package io.webpaas.server.gateway;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header a TCP load balancer puts before the client's bytes (HAProxy's PROXY protocol, text
 * version 1 or binary version 2) to say whom the connection is from. Parsed as the spec says:
 * at most 107 bytes for version 1, and a header that names no TCP client ({@code UNKNOWN},
 * {@code LOCAL}: the balancer's own health check) leaves the connection's own address.
 *
 * @param length bytes the header takes, which the SSH exchange starts after
 * @param client the client it names, or {@code null} when it names none
 */
record ProxyProtocolHeader(int length, InetSocketAddress client) {
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] V1_START = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final int V1_MAX = 107;
    private static final int V2_FIXED = 16;
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V1 = Pattern.compile(
            "PROXY (?:UNKNOWN.*|(TCP4|TCP6) ([0-9a-fA-F.:]+) ([0-9a-fA-F.:]+) (\\d{1,5}) (\\d{1,5}))");

    /**
     * The header at the start of {@code data}, or {@code null} when more bytes must arrive first.
     *
     * @throws ProtocolException when the bytes are not a header
     */
    static ProxyProtocolHeader parse(byte[] data, int offset, int available) throws ProtocolException {
        if (startsWith(data, offset, available, V2_SIGNATURE)) {
            return available < V2_FIXED ? null : version2(data, offset, available);
        }
        if (startsWith(data, offset, available, V1_START)) {
            return version1(data, offset, available);
        }
        throw new ProtocolException("the connection does not start with a PROXY protocol header");
    }

    /** Whether the first bytes there match {@code prefix} as far as they have arrived. */
    private static boolean startsWith(byte[] data, int offset, int available, byte[] prefix) {
        int n = Math.min(available, prefix.length);
        return Arrays.equals(data, offset, offset + n, prefix, 0, n);
    }

    private static ProxyProtocolHeader version1(byte[] data, int offset, int available) throws ProtocolException {
        for (int i = 1; i < Math.min(available, V1_MAX); i++) {
            if (data[offset + i - 1] == '\r' && data[offset + i] == '\n') {
                String line = new String(data, offset, i - 1, StandardCharsets.US_ASCII);
                return new ProxyProtocolHeader(i + 1, version1Client(line));
            }
        }
        if (available >= V1_MAX) {
            throw new ProtocolException("a PROXY protocol v1 header longer than " + V1_MAX + " bytes");
        }
        return null;
    }

    private static InetSocketAddress version1Client(String line) throws ProtocolException {
        Matcher matcher = V1.matcher(line);
        if (!matcher.matches()) {
            throw new ProtocolException("a malformed PROXY protocol v1 header: " + line);
        }
        if (matcher.group(1) == null) {
            return null; // UNKNOWN
        }
        String address = matcher.group(2);
        int port = port(matcher.group(4));
        return socketAddress(matcher.group(1).equals("TCP4") ? ipv4(address) : ipv6(address), port);
    }

    private static byte[] ipv4(String address) throws ProtocolException {
        Matcher matcher = IPV4.matcher(address);
        byte[] bytes = new byte[4];
        for (int i = 0; matcher.matches() && i < 4; i++) {
            int part = Integer.parseInt(matcher.group(i + 1));
            if (part > 255) {
                break;
            }
            bytes[i] = (byte) part;
            if (i == 3) {
                return bytes;
            }
        }
        throw new ProtocolException("a PROXY protocol TCP4 source address that is not one: " + address);
    }

    /** A text with a colon is only ever taken as an IPv6 literal, so no name is looked up. */
    private static byte[] ipv6(String address) throws ProtocolException {
        try {
            if (address.contains(":")) {
                return InetAddress.getByName(address).getAddress(); // 4 bytes when IPv4-mapped
            }
        } catch (UnknownHostException e) {
            // reported below
        }
        throw new ProtocolException("a PROXY protocol TCP6 source address that is not one: " + address);
    }

    private static int port(String digits) throws ProtocolException {
        int port = Integer.parseInt(digits);
        if (port > 65535) {
            throw new ProtocolException("a PROXY protocol source port out of range: " + digits);
        }
        return port;
    }

    private static ProxyProtocolHeader version2(byte[] data, int offset, int available) throws ProtocolException {
        int versionCommand = data[offset + 12] & 0xFF;
        int family = data[offset + 13] & 0xFF;
        int length = V2_FIXED + ((data[offset + 14] & 0xFF) << 8 | data[offset + 15] & 0xFF);
        if (versionCommand >> 4 != 2 || (versionCommand & 0x0F) > 1) {
            throw new ProtocolException("a PROXY protocol v2 header of an unknown version or command: "
                    + Integer.toHexString(versionCommand));
        }
        if (available < length) {
            return null;
        }
        boolean proxied = (versionCommand & 0x0F) == 1; // else LOCAL
        int addresses = offset + V2_FIXED;
        if (proxied && family == 0x11 && length >= V2_FIXED + 12) { // TCP over IPv4
            return new ProxyProtocolHeader(length, socketAddress(Arrays.copyOfRange(data, addresses, addresses + 4),
                    unsignedShort(data, addresses + 8)));
        }
        if (proxied && family == 0x21 && length >= V2_FIXED + 36) { // TCP over IPv6
            return new ProxyProtocolHeader(length, socketAddress(Arrays.copyOfRange(data, addresses, addresses + 16),
                    unsignedShort(data, addresses + 32)));
        }
        return new ProxyProtocolHeader(length, null); // LOCAL, or a family that is not TCP
    }

    private static int unsignedShort(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    private static InetSocketAddress socketAddress(byte[] address, int port) throws ProtocolException {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new ProtocolException("a PROXY protocol address of " + address.length + " bytes");
        }
    }
}

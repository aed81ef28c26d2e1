package io.webpaas.cli.certificate;

import io.webpaas.cli.CliException;
import java.nio.BufferUnderflowException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the CLI reads from the Ed25519 user certificate the Certifier issued (PROTOCOL.certkeys
 * in OpenSSH's sources). Extension values are SSH strings; flag extensions have an empty value.
 * {@code signingKey} is the CA's public key, base64 as in the middle field of its OpenSSH line.
 */
public record SshCertificate(String type, long serial, String keyId, List<String> principals, Instant validAfter,
                             Instant validBefore, Map<String, String> extensions, String signingKey) {
    static final String TYPE = "ssh-ed25519-cert-v01@openssh.com";

    public static SshCertificate parse(String line) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 2 || !fields[0].equals(TYPE)) {
            throw new CliException("Not an Ed25519 SSH certificate: " + abbreviate(line));
        }
        try {
            SshWire.Reader in = new SshWire.Reader(Base64.getDecoder().decode(fields[1]));
            String type = in.string();
            in.bytes(); // nonce
            in.bytes(); // the certified Ed25519 public key
            long serial = in.uint64();
            int certificateType = in.uint32();
            String keyId = in.string();
            List<String> principals = strings(in.bytes());
            Instant validAfter = Instant.ofEpochSecond(in.uint64());
            Instant validBefore = Instant.ofEpochSecond(in.uint64());
            in.bytes(); // critical options
            Map<String, String> extensions = extensions(in.bytes());
            in.bytes(); // reserved
            String signingKey = Base64.getEncoder().encodeToString(in.bytes());
            if (!type.equals(TYPE) || certificateType != 1) {
                throw new CliException("Not an Ed25519 SSH user certificate: " + abbreviate(line));
            }
            return new SshCertificate(type, serial, keyId, principals, validAfter, validBefore, extensions, signingKey);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            throw new CliException("Garbled SSH certificate: " + abbreviate(line));
        }
    }

    /** {@code uuid@webpaas}: the user the certificate stands for. */
    public String userUuid() {
        return extensions.get("uuid@webpaas");
    }

    /** {@code token-id@webpaas}: the access token the certificate was issued for. */
    public String tokenId() {
        return extensions.get("token-id@webpaas");
    }

    private static List<String> strings(byte[] packed) {
        SshWire.Reader in = new SshWire.Reader(packed);
        List<String> values = new ArrayList<>();
        while (in.hasRemaining()) {
            values.add(in.string());
        }
        return values;
    }

    private static Map<String, String> extensions(byte[] packed) {
        SshWire.Reader in = new SshWire.Reader(packed);
        Map<String, String> extensions = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            String name = in.string();
            byte[] data = in.bytes();
            extensions.put(name, data.length == 0 ? "" : new SshWire.Reader(data).string());
        }
        return extensions;
    }

    private static String abbreviate(String text) {
        String line = text.strip();
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
}

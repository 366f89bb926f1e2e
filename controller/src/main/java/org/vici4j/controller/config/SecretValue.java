package org.vici4j.controller.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Secret bytes (a PSK, an EAP password, a private key, a PIN) together with where they came from.
 * Its {@link #toString()} never shows the value, only the source ("literal", "file /etc/...",
 * "env GW_PSK").
 */
public final class SecretValue {

    private final byte[] bytes;
    private final String source;

    private SecretValue(byte[] bytes, String source) {
        this.bytes = bytes;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** @return a secret of these bytes (copied) */
    public static SecretValue of(byte[] bytes, String source) {
        return new SecretValue(bytes.clone(), source);
    }

    /** @return the UTF-8 bytes of {@code text}, source "literal" */
    public static SecretValue ofUtf8(String text) {
        return new SecretValue(text.getBytes(StandardCharsets.UTF_8), "literal");
    }

    /**
     * Decodes a secret written the swanctl.conf way: {@code 0x...} hex, {@code 0s...} base64,
     * anything else taken as its UTF-8 bytes.
     *
     * @throws IllegalArgumentException if hex or base64 is malformed (the message never contains the value)
     */
    public static SecretValue decode(String text, String source) {
        String lower = text.length() >= 2 ? text.substring(0, 2).toLowerCase(java.util.Locale.ROOT) : "";
        if (lower.equals("0x")) {
            try {
                return new SecretValue(HexFormat.of().parseHex(text.substring(2)), source);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("secret starts with 0x but is not valid hex");
            }
        }
        if (lower.equals("0s")) {
            try {
                return new SecretValue(Base64.getMimeDecoder().decode(text.substring(2)), source);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("secret starts with 0s but is not valid base64");
            }
        }
        return new SecretValue(text.getBytes(StandardCharsets.UTF_8), source);
    }

    /** @return a copy of the secret bytes */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** @return where the value came from, e.g. "file /etc/vici4j/gw.psk"; never the value */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(MessageDigestHolder.sha256(bytes));
    }

    @Override
    public String toString() {
        return "<redacted, " + source + ">";
    }

    private static final class MessageDigestHolder {
        static byte[] sha256(byte[] b) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(b);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

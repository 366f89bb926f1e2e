package org.vici4j.controller.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * A connection's {@code load-conn} message as a flat, readable map of option paths to values ({@code proposals},
 * {@code local.id}, {@code children.net.esp_proposals}), so that what was loaded can be recorded and later
 * compared option by option with what the files now say. Lists are joined with {@code ", "}; certificate and key
 * data and other binary values appear as a SHA-256 fingerprint with their length; values of secret-bearing keys
 * never appear (they are replaced by {@code <redacted>}).
 */
public final class AppliedConfig {

    private static final Set<String> BLOB_KEYS = Set.of("certs", "cacerts", "pubkeys");
    private static final int LONGEST_PLAIN_VALUE = 200;

    private AppliedConfig() {
    }

    /**
     * @param connection the section under the connection's name in a {@code load-conn} request
     * @return option path to value, in message order
     */
    public static Map<String, String> flatten(ViciSection connection) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", connection, out);
        return out;
    }

    private static void flatten(String prefix, ViciSection s, Map<String, String> out) {
        for (Map.Entry<String, ViciItem> e : s.entries()) {
            String key = prefix + e.getKey();
            ViciItem item = e.getValue();
            if (item instanceof ViciSection sub) {
                flatten(key + ".", sub, out);
            } else if (ViciSection.isSensitiveKey(e.getKey())) {
                out.put(key, "<redacted>");
            } else if (item instanceof ViciList l) {
                List<String> parts = new ArrayList<>();
                for (ViciValue v : l.values()) {
                    parts.add(show(e.getKey(), v));
                }
                out.put(key, String.join(", ", parts));
            } else {
                out.put(key, show(e.getKey(), (ViciValue) item));
            }
        }
    }

    private static String show(String key, ViciValue v) {
        if (BLOB_KEYS.contains(key) || !v.isUtf8() || v.length() > LONGEST_PLAIN_VALUE) {
            return fingerprint(v.bytes());
        }
        return v.asString();
    }

    static String fingerprint(byte[] data) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(data);
            return "sha256:" + HexFormat.of().formatHex(d, 0, 8) + " (" + data.length + " bytes)";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

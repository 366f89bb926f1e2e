package org.vici4j.client.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 handling of VICI names (section, key, list, command and event names), strict both ways. */
final class Names {

    private Names() {
    }

    /**
     * @return the UTF-8 length of {@code name}, or -1 if it contains an unpaired surrogate
     */
    static int utf8Length(String name) {
        int length = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                    length += 4;
                    i++;
                } else {
                    return -1;
                }
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** Writes {@code name}, whose UTF-8 length {@code length} was computed by {@link #utf8Length}. */
    static void write(String name, int length, byte[] out, int pos) {
        if (length == name.length()) {
            for (int i = 0; i < length; i++) {
                out[pos + i] = (byte) name.charAt(i);
            }
        } else {
            byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(encoded, 0, out, pos, encoded.length);
        }
    }

    /** @return the decoded name, or null if the bytes are not valid UTF-8 */
    static String decode(byte[] in, int pos, int length) {
        boolean ascii = true;
        for (int i = pos; i < pos + length; i++) {
            if (in[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(in, pos, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in, pos, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Renders a name for an error message: quoted, control characters escaped, at most 64 characters,
     * so that hostile input cannot forge log lines or flood them.
     */
    static String quote(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), 64) + 8).append('\'');
        for (int i = 0; i < name.length(); i++) {
            if (i == 64) {
                sb.append("...");
                break;
            }
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}

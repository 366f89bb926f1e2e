package org.vici4j.cli.internal;

import java.nio.charset.Charset;
import java.util.Arrays;

import org.vici4j.client.RawEventConsumer;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.message.ViciSection;

/**
 * The JSON array of {@code vici list-sas -o json}, written straight from the events' wire bytes into bytes of the
 * output's charset: the text {@link JsonText} writes for the decoded events, byte for byte, without building a
 * {@link ViciSection} per event (a listing of 1,000 IKE_SAs is about 65,000 values, read while charon is still
 * sending the next events).
 *
 * <p>Only the plain form is written here: well-formed, names and values in ASCII, no value that needs
 * {@link Values}' base64 form. An event with anything else (a non-ASCII value, a malformed message) is decoded by
 * {@link ViciDecoder} instead and written by {@link JsonText}; a malformed one thus fails with the decoder's
 * {@link org.vici4j.client.ProtocolException}. The charset must write ASCII as ASCII ({@link #writesAscii}).
 */
final class WireJson implements RawEventConsumer, WireWalk.Visitor {

    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    private static final byte[] BASE64_PREFIX = {'b', 'a', 's', 'e', '6', '4', ':'};

    private final ViciLimits limits;
    private final Charset charset;
    private byte[] out;
    private int size;
    private int count;
    /** per open section (the event's message is level 1): whether it has an entry yet */
    private boolean[] entries = new boolean[16];
    /** the level of the innermost open section */
    private int level;
    /** whether the open list has an item yet */
    private boolean listItems;

    /**
     * Starts the array.
     *
     * @param limits the limits events are decoded under
     * @param charset the output's charset, one that {@link #writesAscii}
     * @param capacity the expected size of the output
     */
    WireJson(ViciLimits limits, Charset charset, int capacity) {
        this.limits = limits;
        this.charset = charset;
        this.out = new byte[Math.max(64, capacity)];
        out[size++] = '[';
    }

    /** @return whether {@code charset} encodes every ASCII character as that one byte */
    static boolean writesAscii(Charset charset) {
        byte[] all = new byte[128];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return Arrays.equals(all, new String(all, java.nio.charset.StandardCharsets.US_ASCII).getBytes(charset));
    }

    @Override
    public void accept(byte[] packet, int offset, int length) {
        int mark = size;
        ensure(4);
        if (count > 0) {
            out[size++] = ',';
        }
        out[size++] = '\n';
        out[size++] = ' ';
        out[size++] = ' ';
        int element = size;
        if (!plain(packet, RawEventConsumer.messageOffset(packet, offset), offset + length)) {
            size = element;
            ViciSection message;
            try {
                message = ViciDecoder.decode(packet, offset, length, limits).message();
            } catch (RuntimeException e) {
                size = mark;
                throw e;
            }
            StringBuilder text = new StringBuilder();
            JsonText.element(text, message);
            byte[] bytes = text.toString().getBytes(charset);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, out, size, bytes.length);
            size += bytes.length;
        }
        count++;
    }

    /**
     * Ends the array and the output's line ({@code JsonText.end} and a line separator).
     *
     * @return the array holding the output, from index 0 to {@link #size()}
     */
    byte[] finish(String lineSeparator) {
        byte[] nl = lineSeparator.getBytes(charset);
        ensure(2 + nl.length);
        if (count > 0) {
            out[size++] = '\n';
        }
        out[size++] = ']';
        System.arraycopy(nl, 0, out, size, nl.length);
        size += nl.length;
        return out;
    }

    /** @return the number of bytes written */
    int size() {
        return size;
    }

    /**
     * Writes the message in {@code b} from {@code pos} to {@code end} as a JSON object at level 1.
     *
     * @return false, having written part of it, if it is not in the plain form
     */
    private boolean plain(byte[] b, int pos, int end) {
        level = 1;
        entries[1] = false;
        ensure(1);
        out[size++] = '{';
        if (!WireWalk.walk(b, pos, end, limits, this)) {
            return false;
        }
        ensure(2 + 2);
        if (entries[1]) {
            indent(1);
        }
        out[size++] = '}';
        return true;
    }

    @Override
    public boolean keyValue(byte[] b, int name, int nameLength, int value, int valueLength) {
        if (!key(b, name, nameLength)) {
            return false;
        }
        ensure(2 + 6 * valueLength);
        return string(b, value, valueLength);
    }

    @Override
    public boolean sectionStart(byte[] b, int name, int nameLength) {
        if (!key(b, name, nameLength)) {
            return false;
        }
        level++;
        if (level == entries.length) {
            entries = Arrays.copyOf(entries, level * 2);
        }
        entries[level] = false;
        out[size++] = '{';
        return true;
    }

    @Override
    public void sectionEnd() {
        ensure(2 + 2 * level);
        if (entries[level]) {
            indent(level);
        }
        out[size++] = '}';
        level--;
    }

    @Override
    public boolean listStart(byte[] b, int name, int nameLength) {
        if (!key(b, name, nameLength)) {
            return false;
        }
        out[size++] = '[';
        listItems = false;
        return true;
    }

    @Override
    public boolean listItem(byte[] b, int value, int valueLength) {
        ensure(4 + 2 * (level + 2) + 6 * valueLength);
        if (listItems) {
            out[size++] = ',';
        }
        listItems = true;
        indent(level + 2);
        return string(b, value, valueLength);
    }

    @Override
    public void listEnd() {
        ensure(2 + 2 * (level + 1));
        if (listItems) {
            indent(level + 1);
        }
        out[size++] = ']';
    }

    /**
     * Writes the separator, line break and indentation of an entry of the innermost section, its name and
     * {@code ": "}, with room for one more character. @return false if the name is not in the plain form
     */
    private boolean key(byte[] b, int name, int nameLength) {
        ensure(8 + 2 * (level + 1) + 6 * nameLength);
        if (entries[level]) {
            out[size++] = ',';
        }
        entries[level] = true;
        indent(level + 1);
        if (!string(b, name, nameLength)) {
            return false;
        }
        out[size++] = ':';
        out[size++] = ' ';
        return true;
    }

    /** Writes a line break and {@code level} indentations; the room was ensured. */
    private void indent(int level) {
        out[size++] = '\n';
        for (int i = 0; i < level; i++) {
            out[size++] = ' ';
            out[size++] = ' ';
        }
    }

    /**
     * Writes the ASCII bytes as a JSON string with {@link JsonText}'s escapes; the room (2 + 6 per byte) was
     * ensured. @return false if they are not ASCII or are a value {@link Values} would write in base64
     */
    private boolean string(byte[] b, int pos, int len) {
        if (len >= BASE64_PREFIX.length && Arrays.equals(b, pos, pos + BASE64_PREFIX.length, BASE64_PREFIX, 0,
                BASE64_PREFIX.length)) {
            return false; // a name with this prefix is printed as is, but both are too rare to tell apart here
        }
        byte[] o = out;
        int s = size;
        o[s++] = '"';
        for (int i = pos, n = pos + len; i < n; i++) {
            byte c = b[i];
            if (c >= 0x20 && c != '"' && c != '\\') {
                o[s++] = c;
                continue;
            }
            if (c < 0) {
                return false;
            }
            o[s++] = '\\';
            switch (c) {
                case '"' -> o[s++] = '"';
                case '\\' -> o[s++] = '\\';
                case '\b' -> o[s++] = 'b';
                case '\t' -> o[s++] = 't';
                case '\n' -> o[s++] = 'n';
                case '\f' -> o[s++] = 'f';
                case '\r' -> o[s++] = 'r';
                default -> {
                    o[s++] = 'u';
                    o[s++] = '0';
                    o[s++] = '0';
                    o[s++] = HEX[c >> 4];
                    o[s++] = HEX[c & 0xf];
                }
            }
        }
        o[s++] = '"';
        size = s;
        return true;
    }

    private void ensure(int room) {
        if (out.length - size < room) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + room));
        }
    }
}

package org.vici4j.cli.internal;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vici4j.client.RawEventConsumer;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciLimits;

/**
 * The table of {@code vici list-sas}, read straight from the {@code list-sa} events' wire bytes: each IKE_SA's and
 * CHILD_SA's {@link Fields} are taken from the bytes in one pass, without building the event's
 * {@link org.vici4j.client.message.ViciSection}, and printed by {@link SaFormat}, as
 * {@link SaFormat#printListSa} prints the decoded event. An event that is malformed or has a name that is not ASCII
 * is decoded by {@link ViciDecoder} instead (which then fails with its
 * {@link org.vici4j.client.ProtocolException}) and printed from the decoded section.
 */
final class WireTable implements RawEventConsumer {

    private static final int SECTION_START = 1;
    private static final int SECTION_END = 2;
    private static final int KEY_VALUE = 3;
    private static final int LIST_START = 4;
    private static final int LIST_ITEM = 5;
    private static final int LIST_END = 6;

    /** what an open section is to the table */
    private static final byte EVENT = 0;
    private static final byte IKE = 1;
    private static final byte CHILD_SAS = 2;
    private static final byte CHILD = 3;
    private static final byte OTHER = 4;

    private static final String CHILD_SAS_KEY = "child-sas";

    private final PrintWriter out;
    private final ViciLimits limits;
    private final List<Ike> ikes = new ArrayList<>(2);
    private byte[] kinds = new byte[8];
    /** names and values read before, by their bytes: 1,000 IKE_SAs repeat the same few dozen keys and many values */
    private final String[] names = new String[256];
    private final String[] values = new String[1024];

    /** An IKE_SA of the event being read. */
    private static final class Ike {
        final String name;
        final Fields fields = Fields.empty();
        /** whether an entry named child-sas was read: the first decides */
        boolean childSasRead;
        /** the CHILD_SAs, if the first entry named child-sas is a section: only then is the IKE_SA printed */
        List<Fields> children;

        Ike(String name) {
            this.name = name;
        }
    }

    /**
     * @param out where the table goes
     * @param limits the limits events are decoded under
     */
    WireTable(PrintWriter out, ViciLimits limits) {
        this.out = out;
        this.limits = limits;
    }

    @Override
    public void accept(byte[] packet, int offset, int length) {
        ikes.clear();
        if (!read(packet, RawEventConsumer.messageOffset(packet, offset), offset + length)) {
            SaFormat.printListSa(out, ViciDecoder.decode(packet, offset, length, limits).message());
            return;
        }
        for (Ike ike : ikes) {
            if (ike.children != null) {
                SaFormat.printIke(out, ike.name, ike.fields, ike.children);
            }
        }
    }

    /**
     * Reads the message from {@code pos} to {@code end} into {@link #ikes}.
     *
     * @return false if it is malformed or has a name that is not ASCII
     */
    private boolean read(byte[] b, int pos, int end) {
        int depth = 0; // sections open below the message
        kinds[0] = EVENT;
        Ike ike = null;
        Fields child = null;
        boolean inList = false;
        String listKey = null;
        Fields listTarget = null;
        while (pos < end) {
            int type = b[pos++];
            if (inList) {
                if (type == LIST_ITEM) {
                    int len = valueLength(b, pos, end);
                    if (len < 0) {
                        return false;
                    }
                    pos += 2;
                    if (listTarget != null && printable(b, pos, len)) {
                        listTarget.item(listKey, text(values, b, pos, len));
                    }
                    pos += len;
                } else if (type == LIST_END) {
                    inList = false;
                } else {
                    return false;
                }
                continue;
            }
            if (type == SECTION_END) {
                if (depth == 0) {
                    return false;
                }
                if (kinds[depth] == CHILD) {
                    ike.children.add(child);
                }
                depth--;
                continue;
            }
            if ((type != KEY_VALUE && type != SECTION_START && type != LIST_START) || pos >= end) {
                return false;
            }
            int nameLen = b[pos++] & 0xff;
            if (nameLen > end - pos || nameLen > limits.maxNameLength() || !ascii(b, pos, nameLen)) {
                return false;
            }
            String name = text(names, b, pos, nameLen);
            pos += nameLen;
            byte kind = kinds[depth];
            Fields target = kind == IKE ? ike.fields : kind == CHILD ? child : null;
            boolean childSas = kind == IKE && !ike.childSasRead && name.equals(CHILD_SAS_KEY);
            if (childSas) {
                ike.childSasRead = true;
            }
            if (type == KEY_VALUE) {
                int len = valueLength(b, pos, end);
                if (len < 0) {
                    return false;
                }
                pos += 2;
                if (target != null && printable(b, pos, len)) {
                    target.value(name, text(values, b, pos, len));
                }
                pos += len;
            } else if (type == LIST_START) {
                inList = true;
                listKey = name;
                listTarget = target;
            } else {
                if (depth >= limits.maxDepth()) {
                    return false;
                }
                byte opened = OTHER;
                if (kind == EVENT) {
                    ike = new Ike(name);
                    ikes.add(ike);
                    opened = IKE;
                } else if (childSas) {
                    ike.children = new ArrayList<>();
                    opened = CHILD_SAS;
                } else if (kind == CHILD_SAS) {
                    child = Fields.empty();
                    opened = CHILD;
                }
                depth++;
                if (depth == kinds.length) {
                    kinds = Arrays.copyOf(kinds, depth * 2);
                }
                kinds[depth] = opened;
            }
        }
        return !inList && depth == 0;
    }

    /** @return the length of the value at {@code pos} (its 2-byte length), or -1 if it is not in the message */
    private int valueLength(byte[] b, int pos, int end) {
        if (end - pos < 2) {
            return -1;
        }
        int len = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
        return len > end - pos - 2 || len > limits.maxValueLength() ? -1 : len;
    }

    /**
     * @return the ASCII bytes as a string, the one from {@code cache} if it holds it (a string found in neither of
     *     its two slots for these bytes replaces the first)
     */
    private static String text(String[] cache, byte[] b, int pos, int len) {
        int h = len;
        for (int i = pos; i < pos + len; i++) {
            h = 31 * h + b[i];
        }
        int mask = cache.length - 1;
        int slot = (h ^ (h >>> 16)) & mask;
        for (int probe = 0; probe < 2; probe++) {
            String s = cache[(slot + probe) & mask];
            if (s != null && equal(s, b, pos, len)) {
                return s;
            }
        }
        String s = new String(b, pos, len, StandardCharsets.ISO_8859_1);
        cache[cache[slot] == null || cache[(slot + 1) & mask] != null ? slot : (slot + 1) & mask] = s;
        return s;
    }

    private static boolean equal(String s, byte[] b, int pos, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) != b[pos + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] b, int pos, int len) {
        for (int i = pos; i < pos + len; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@link Fields#printable}, on bytes */
    private static boolean printable(byte[] b, int pos, int len) {
        for (int i = pos; i < pos + len; i++) {
            if (b[i] < 0x20 || b[i] > 0x7e) {
                return false;
            }
        }
        return true;
    }
}

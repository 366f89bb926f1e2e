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
final class WireTable implements RawEventConsumer, WireWalk.Visitor {

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
    /** the reading of an event: sections open below the message, what each is, the IKE_SA and CHILD_SA being read */
    private int depth;
    private Ike ike;
    private Fields child;
    /** the open list's key, and where its items go (null: nowhere) */
    private String listKey;
    private Fields listTarget;

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
        depth = 0;
        kinds[0] = EVENT;
        ike = null;
        child = null;
        return WireWalk.walk(b, pos, end, limits, this);
    }

    @Override
    public boolean keyValue(byte[] b, int name, int nameLength, int value, int valueLength) {
        String key = name(b, name, nameLength);
        if (key == null) {
            return false;
        }
        firstChildSas(key);
        Fields target = target();
        if (target != null && printable(b, value, valueLength)) {
            target.value(key, text(values, b, value, valueLength));
        }
        return true;
    }

    @Override
    public boolean listStart(byte[] b, int name, int nameLength) {
        listKey = name(b, name, nameLength);
        if (listKey == null) {
            return false;
        }
        firstChildSas(listKey);
        listTarget = target();
        return true;
    }

    @Override
    public boolean listItem(byte[] b, int value, int valueLength) {
        if (listTarget != null && printable(b, value, valueLength)) {
            listTarget.item(listKey, text(values, b, value, valueLength));
        }
        return true;
    }

    @Override
    public void listEnd() {
        listTarget = null;
    }

    @Override
    public boolean sectionStart(byte[] b, int name, int nameLength) {
        String key = name(b, name, nameLength);
        if (key == null) {
            return false;
        }
        byte opened = OTHER;
        if (kinds[depth] == EVENT) {
            ike = new Ike(key);
            ikes.add(ike);
            opened = IKE;
        } else if (firstChildSas(key)) {
            ike.children = new ArrayList<>();
            opened = CHILD_SAS;
        } else if (kinds[depth] == CHILD_SAS) {
            child = Fields.empty();
            opened = CHILD;
        }
        depth++;
        if (depth == kinds.length) {
            kinds = Arrays.copyOf(kinds, depth * 2);
        }
        kinds[depth] = opened;
        return true;
    }

    @Override
    public void sectionEnd() {
        if (kinds[depth] == CHILD) {
            ike.children.add(child);
        }
        depth--;
    }

    /** @return the name as a string, or null if it is not ASCII */
    private String name(byte[] b, int name, int nameLength) {
        return ascii(b, name, nameLength) ? text(names, b, name, nameLength) : null;
    }

    /**
     * Notes an entry of the innermost section: the first entry of an IKE_SA named child-sas, of any kind, decides
     * whether the IKE_SA is printed (only if it is a section).
     *
     * @return whether it is that first child-sas entry
     */
    private boolean firstChildSas(String key) {
        if (kinds[depth] != IKE || ike.childSasRead || !key.equals(CHILD_SAS_KEY)) {
            return false;
        }
        ike.childSasRead = true;
        return true;
    }

    /** @return where the values of the innermost section go: an IKE_SA's or a CHILD_SA's fields, or nowhere */
    private Fields target() {
        byte kind = kinds[depth];
        return kind == IKE ? ike.fields : kind == CHILD ? child : null;
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

package org.vici4j.client.codec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/** Measures a packet's encoded size while checking every limit; throws before anything is written. */
final class PacketSizer {

    private final ViciLimits limits;
    private final Deque<String> path = new ArrayDeque<>();
    private ViciPacket packet;
    private long size;

    PacketSizer(ViciLimits limits) {
        this.limits = limits;
    }

    int measure(ViciPacket packet) {
        this.packet = packet;
        size = 1;
        if (packet.type().isNamed()) {
            size += 1 + nameLength(packet.name(), "the packet name");
        }
        section(packet.message(), 0);
        return (int) size;
    }

    private void section(ViciSection section, int depth) {
        for (Map.Entry<String, ViciItem> entry : section.entries()) {
            String key = entry.getKey();
            ViciItem item = entry.getValue();
            if (item instanceof ViciValue value) {
                add(2L + nameLength(key, "key") + 2 + valueLength(value, key));
            } else if (item instanceof ViciList list) {
                add(2L + nameLength(key, "list name") + 1);
                int index = 0;
                for (ViciValue value : list.values()) {
                    add(1L + 2 + valueLength(value, key + "[" + index++ + "]"));
                }
            } else {
                if (depth + 1 > limits.maxDepth()) {
                    path.addLast(key);
                    throw fail("sections nest deeper than the limit of " + limits.maxDepth()
                            + " levels at '" + path() + "'; flatten the message");
                }
                add(2L + nameLength(key, "section name") + 1);
                path.addLast(key);
                section((ViciSection) item, depth + 1);
                path.removeLast();
            }
        }
    }

    private int nameLength(String name, String what) {
        int length = Names.utf8Length(name);
        if (length < 0) {
            throw fail(what + " '" + name + "'" + where() + " contains an unpaired surrogate; names must be"
                    + " well-formed text");
        }
        if (length > limits.maxNameLength()) {
            throw fail(what + " '" + abbreviate(name) + "'" + where() + " is " + length
                    + " bytes in UTF-8, the limit is " + limits.maxNameLength() + " bytes; use a shorter name");
        }
        return length;
    }

    private int valueLength(ViciValue value, String key) {
        int length = value.length();
        if (length > limits.maxValueLength()) {
            throw fail("the value of '" + qualified(key) + "' is " + length + " bytes, the limit is "
                    + limits.maxValueLength() + " bytes; split it or pass it by reference (e.g. a file)");
        }
        return length;
    }

    private void add(long bytes) {
        size += bytes;
        if (size > limits.maxSegmentSize()) {
            throw fail("the packet exceeds the segment limit of " + limits.maxSegmentSize()
                    + " bytes (reached while adding entries" + where()
                    + "); split the request into several smaller ones");
        }
    }

    private ProtocolException fail(String detail) {
        String label = packet.type() + (packet.name() == null ? "" : " '" + abbreviate(packet.name()) + "'");
        return new ProtocolException("cannot encode VICI " + label + ": " + detail);
    }

    private String where() {
        return path.isEmpty() ? "" : " in section '" + path() + "'";
    }

    private String qualified(String key) {
        return path.isEmpty() ? key : path() + "." + key;
    }

    private String path() {
        StringBuilder sb = new StringBuilder();
        for (Iterator<String> it = path.iterator(); it.hasNext(); ) {
            sb.append(it.next());
            if (it.hasNext()) {
                sb.append('.');
            }
        }
        return sb.toString();
    }

    private static String abbreviate(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }
}

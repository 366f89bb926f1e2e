package org.vici4j.client.codec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * The decoding state machine for one packet body. States: {@link State#IN_SECTION} (the root
 * message or a nested section; element types SECTION_START, SECTION_END, KEY_VALUE, LIST_START are
 * allowed) and {@link State#IN_LIST} (only LIST_ITEM and LIST_END are allowed). Every read is
 * bounds-checked against the packet end before anything is allocated.
 */
final class PacketParser {

    enum State { IN_SECTION, IN_LIST }

    private final byte[] in;
    private final int start;
    private final int end;
    private final ViciLimits limits;

    private int pos;
    private State state = State.IN_SECTION;
    private final Deque<String> openSections = new ArrayDeque<>();
    private final ViciSection.Builder root = ViciSection.builder();
    private String listName;
    private List<ViciValue> listItems;

    PacketParser(byte[] in, int offset, int length, ViciLimits limits) {
        this.in = in;
        this.start = offset;
        this.end = offset + length;
        this.limits = limits;
        this.pos = offset;
    }

    ViciPacket parse() {
        if (pos >= end) {
            throw new ProtocolException("malformed VICI packet at byte offset 0: the packet is empty,"
                    + " but it must start with a 1-byte packet type");
        }
        int code = in[pos] & 0xff;
        if (code > PacketType.EVENT.code()) {
            throw new ProtocolException("malformed VICI packet at byte offset 0: unknown packet type " + code
                    + " (valid types are 0..7); the peer does not speak VICI or the stream is out of sync");
        }
        PacketType type = PacketType.fromCode(code);
        pos++;
        String name = type.isNamed() ? name("packet name of " + type) : null;
        if (!type.carriesMessage()) {
            if (pos < end) {
                throw fail(pos, (end - pos) + " trailing byte(s) after the " + type + " packet, which carries no"
                        + " message");
            }
            return new ViciPacket(type, name, null);
        }
        return new ViciPacket(type, name, message());
    }

    private ViciSection message() {
        while (pos < end) {
            int elementOffset = pos;
            int element = in[pos++] & 0xff;
            if (state == State.IN_SECTION) {
                inSection(element, elementOffset);
            } else {
                inList(element, elementOffset);
            }
        }
        if (state == State.IN_LIST) {
            throw fail(pos, "the message ends inside list " + Names.quote(listName) + "; LIST_END is missing");
        }
        if (!openSections.isEmpty()) {
            throw fail(pos, "the message ends inside section " + Names.quote(openSections.peek()) + " ("
                    + openSections.size() + " section(s) open); SECTION_END is missing");
        }
        return root.build();
    }

    private void inSection(int element, int at) {
        switch (element) {
            case ElementType.SECTION_START -> {
                String name = name("SECTION_START name");
                if (openSections.size() >= limits.maxDepth()) {
                    throw fail(at, "section " + Names.quote(name) + " nests deeper than the limit of "
                            + limits.maxDepth() + " levels");
                }
                openSections.push(name);
                root.beginSection(name);
            }
            case ElementType.SECTION_END -> {
                if (openSections.isEmpty()) {
                    throw fail(at, "SECTION_END (2) at top level without a matching SECTION_START");
                }
                openSections.pop();
                root.endSection();
            }
            case ElementType.KEY_VALUE -> {
                String key = name("KEY_VALUE name");
                root.add(key, value("value of ", key));
            }
            case ElementType.LIST_START -> {
                listName = name("LIST_START name");
                listItems = new ArrayList<>();
                state = State.IN_LIST;
            }
            case ElementType.LIST_ITEM -> throw fail(at, "LIST_ITEM (5) outside a list; it must follow LIST_START");
            case ElementType.LIST_END -> throw fail(at, "LIST_END (6) outside a list; there is no open LIST_START");
            default -> throw unknownElement(element, at);
        }
    }

    private void inList(int element, int at) {
        switch (element) {
            case ElementType.LIST_ITEM -> listItems.add(value("item of list ", listName));
            case ElementType.LIST_END -> {
                root.add(listName, ViciList.of(listItems));
                listName = null;
                listItems = null;
                state = State.IN_SECTION;
            }
            case ElementType.LIST_START -> throw fail(at, "LIST_START (4) inside list " + Names.quote(listName)
                    + "; lists cannot nest");
            case ElementType.SECTION_START -> throw fail(at, "SECTION_START (1) inside list " + Names.quote(listName)
                    + "; lists hold only LIST_ITEM values");
            case ElementType.SECTION_END -> throw fail(at, "SECTION_END (2) inside list " + Names.quote(listName)
                    + "; LIST_END is missing");
            case ElementType.KEY_VALUE -> throw fail(at, "KEY_VALUE (3) inside list " + Names.quote(listName)
                    + "; lists hold only LIST_ITEM values");
            default -> throw unknownElement(element, at);
        }
    }

    private String name(String what) {
        if (pos >= end) {
            throw truncated(pos, what + ": the 1-byte length is missing");
        }
        int lengthOffset = pos;
        int length = in[pos++] & 0xff;
        if (length > end - pos) {
            throw truncated(lengthOffset, what + " has length " + length + " but only " + (end - pos)
                    + " byte(s) remain");
        }
        if (length > limits.maxNameLength()) {
            throw fail(lengthOffset, what + " is " + length + " bytes, the limit is " + limits.maxNameLength());
        }
        String name = Names.decode(in, pos, length);
        if (name == null) {
            throw fail(pos, what + " is not valid UTF-8");
        }
        pos += length;
        return name;
    }

    /** Reads a value; {@code what} and the quoted {@code owner} describe it in errors (built only on error). */
    private ViciValue value(String what, String owner) {
        if (end - pos < 2) {
            throw truncated(pos, what + Names.quote(owner) + ": the 2-byte length needs 2 bytes but only " + (end - pos)
                    + " remain");
        }
        int lengthOffset = pos;
        int length = ((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff);
        pos += 2;
        if (length > end - pos) {
            throw truncated(lengthOffset, what + Names.quote(owner) + " has length " + length + " but only " + (end - pos)
                    + " byte(s) remain");
        }
        if (length > limits.maxValueLength()) {
            throw fail(lengthOffset, what + Names.quote(owner) + " is " + length + " bytes, the limit is "
                    + limits.maxValueLength());
        }
        ViciValue value = ViciValue.of(in, pos, length);
        pos += length;
        return value;
    }

    private ProtocolException unknownElement(int element, int at) {
        return fail(at, "unknown element type " + element + " (valid types are 1..6)");
    }

    private ProtocolException truncated(int at, String detail) {
        return new ProtocolException("truncated VICI message at byte offset " + (at - start) + ": " + detail);
    }

    private ProtocolException fail(int at, String detail) {
        return new ProtocolException("malformed VICI message at byte offset " + (at - start) + ": " + detail);
    }
}

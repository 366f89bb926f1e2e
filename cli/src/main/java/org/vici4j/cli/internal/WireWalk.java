package org.vici4j.cli.internal;

import org.vici4j.client.codec.ViciLimits;

/**
 * One pass over the elements of a VICI message in its wire bytes, handing each to a {@link Visitor}, with the checks
 * of the client's decoder ({@code ViciDecoder}): known element types, names and values inside the message and within
 * the limits, sections nested at most {@link ViciLimits#maxDepth()} deep and closed, lists not nested and closed.
 * What {@link WireJson} and {@link WireTable} render from; whatever the walk refuses they leave to the decoder, which
 * then says what is wrong. Names are handed over as bytes: checking their encoding is the visitor's.
 */
final class WireWalk {

    private static final int SECTION_START = 1;
    private static final int SECTION_END = 2;
    private static final int KEY_VALUE = 3;
    private static final int LIST_START = 4;
    private static final int LIST_ITEM = 5;
    private static final int LIST_END = 6;

    /** Takes the elements in wire order; a {@code false} from a method ends the walk. */
    interface Visitor {
        /** A key and its value, each {@code bytes[offset .. offset + length)}. */
        boolean keyValue(byte[] b, int name, int nameLength, int value, int valueLength);

        /** A section opens (it is closed by {@link #sectionEnd}). */
        boolean sectionStart(byte[] b, int name, int nameLength);

        /** The innermost open section closes. */
        void sectionEnd();

        /** A list opens: its items follow, then {@link #listEnd}. */
        boolean listStart(byte[] b, int name, int nameLength);

        /** An item of the open list. */
        boolean listItem(byte[] b, int value, int valueLength);

        /** The open list closes. */
        void listEnd();
    }

    private WireWalk() {
    }

    /**
     * Walks the message {@code b[pos .. end)}.
     *
     * @return true if it is well-formed within {@code limits} and the visitor took every element
     */
    static boolean walk(byte[] b, int pos, int end, ViciLimits limits, Visitor visitor) {
        int sections = 0; // open below the message
        boolean inList = false;
        while (pos < end) {
            int type = b[pos++];
            if (inList) {
                if (type == LIST_ITEM) {
                    int len = valueLength(b, pos, end, limits);
                    if (len < 0 || !visitor.listItem(b, pos + 2, len)) {
                        return false;
                    }
                    pos += 2 + len;
                } else if (type == LIST_END) {
                    inList = false;
                    visitor.listEnd();
                } else {
                    return false;
                }
                continue;
            }
            if (type == SECTION_END) {
                if (sections == 0) {
                    return false;
                }
                sections--;
                visitor.sectionEnd();
                continue;
            }
            if ((type != KEY_VALUE && type != SECTION_START && type != LIST_START) || pos >= end) {
                return false;
            }
            int nameLen = b[pos++] & 0xff;
            if (nameLen > end - pos || nameLen > limits.maxNameLength()) {
                return false;
            }
            int name = pos;
            pos += nameLen;
            if (type == KEY_VALUE) {
                int len = valueLength(b, pos, end, limits);
                if (len < 0 || !visitor.keyValue(b, name, nameLen, pos + 2, len)) {
                    return false;
                }
                pos += 2 + len;
            } else if (type == SECTION_START) {
                if (sections >= limits.maxDepth() || !visitor.sectionStart(b, name, nameLen)) {
                    return false;
                }
                sections++;
            } else {
                if (!visitor.listStart(b, name, nameLen)) {
                    return false;
                }
                inList = true;
            }
        }
        return !inList && sections == 0;
    }

    /** @return the length of the value at {@code pos} (its 2-byte length), or -1 if it is not in the message */
    private static int valueLength(byte[] b, int pos, int end, ViciLimits limits) {
        if (end - pos < 2) {
            return -1;
        }
        int len = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
        return len > end - pos - 2 || len > limits.maxValueLength() ? -1 : len;
    }
}

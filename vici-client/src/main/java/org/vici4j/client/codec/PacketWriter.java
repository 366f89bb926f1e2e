package org.vici4j.client.codec;

import java.util.Map;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/** Writes an already measured and validated packet into an exactly sized array. */
final class PacketWriter {

    private final byte[] out;
    private int pos;

    PacketWriter(byte[] out, int start) {
        this.out = out;
        this.pos = start;
    }

    int write(ViciPacket packet) {
        out[pos++] = packet.type().code();
        if (packet.type().isNamed()) {
            name(packet.name());
        }
        section(packet.message());
        return pos;
    }

    private void section(ViciSection section) {
        for (Map.Entry<String, ViciItem> entry : section.entries()) {
            ViciItem item = entry.getValue();
            if (item instanceof ViciValue value) {
                out[pos++] = ElementType.KEY_VALUE;
                name(entry.getKey());
                value(value);
            } else if (item instanceof ViciList list) {
                out[pos++] = ElementType.LIST_START;
                name(entry.getKey());
                for (ViciValue value : list.values()) {
                    out[pos++] = ElementType.LIST_ITEM;
                    value(value);
                }
                out[pos++] = ElementType.LIST_END;
            } else {
                out[pos++] = ElementType.SECTION_START;
                name(entry.getKey());
                section((ViciSection) item);
                out[pos++] = ElementType.SECTION_END;
            }
        }
    }

    private void name(String name) {
        int length = Names.utf8Length(name);
        out[pos++] = (byte) length;
        Names.write(name, length, out, pos);
        pos += length;
    }

    private void value(ViciValue value) {
        int length = value.length();
        out[pos++] = (byte) (length >>> 8);
        out[pos++] = (byte) length;
        value.copyTo(out, pos);
        pos += length;
    }
}

package org.vici4j.client.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.vici4j.client.message.PacketType;
import org.vici4j.client.message.ViciItem;
import org.vici4j.client.message.ViciList;
import org.vici4j.client.message.ViciPacket;
import org.vici4j.client.message.ViciSection;
import org.vici4j.client.message.ViciValue;

/**
 * Generates random VICI packets and message trees within the protocol limits from a seeded
 * {@link Random}, so that every generated case can be reproduced from its seed.
 */
public final class RandomPackets {

    private static final String ASCII_NAME_CHARS = "abcdefghijklmnopqrstuvwxyz-_.0123456789";

    private final Random random;

    /** @param random the source of randomness; seed it to reproduce a case */
    public RandomPackets(Random random) {
        this.random = random;
    }

    /** @return a name: mostly short ASCII, sometimes up to 80 BMP characters (at most 240 UTF-8 bytes) */
    public String name() {
        StringBuilder sb = new StringBuilder();
        if (random.nextInt(5) > 0) {
            int length = random.nextInt(21);
            for (int i = 0; i < length; i++) {
                sb.append(ASCII_NAME_CHARS.charAt(random.nextInt(ASCII_NAME_CHARS.length())));
            }
        } else {
            int length = random.nextInt(81);
            for (int i = 0; i < length; i++) {
                sb.append((char) random.nextInt(0xD800)); // BMP below the surrogates: 1 to 3 UTF-8 bytes
            }
        }
        return sb.toString();
    }

    /** @return a value: mostly short text, sometimes short or up to 1 KiB binary */
    public ViciValue value() {
        int kind = random.nextInt(8);
        if (kind < 5) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(31);
            for (int i = 0; i < length; i++) {
                sb.appendCodePoint(random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : randomScalar());
            }
            return ViciValue.of(sb.toString());
        }
        byte[] bytes = new byte[random.nextInt(kind < 7 ? 41 : 1025)];
        random.nextBytes(bytes);
        return ViciValue.of(bytes);
    }

    private int randomScalar() {
        int cp = random.nextInt(0x110000);
        return cp >= 0xD800 && cp <= 0xDFFF ? 'x' : cp;
    }

    /** @return a list of up to 5 values */
    public ViciList list() {
        int size = random.nextInt(6);
        List<ViciValue> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(value());
        }
        return ViciList.of(values);
    }

    /**
     * @param depth the most levels sections may nest below this one
     * @return a section of up to 6 entries (values, lists and, if {@code depth > 0}, sections)
     */
    public ViciSection section(int depth) {
        ViciSection.Builder builder = ViciSection.builder();
        int size = random.nextInt(7);
        for (int i = 0; i < size; i++) {
            int kind = random.nextInt(depth > 0 ? 5 : 4);
            ViciItem item = kind < 3 ? value() : kind == 3 ? list() : section(depth - 1);
            builder.add(name(), item);
        }
        return builder.build();
    }

    /** @return a packet of any type; named types get a name, messages (where carried) nest at most 4 levels */
    public ViciPacket packet() {
        PacketType type = PacketType.values()[random.nextInt(PacketType.values().length)];
        return new ViciPacket(type, type.isNamed() ? name() : null,
                type.carriesMessage() ? section(random.nextInt(5)) : null);
    }

    /** @return up to {@code max} packets */
    public List<ViciPacket> packets(int max) {
        int size = random.nextInt(max + 1);
        List<ViciPacket> packets = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            packets.add(packet());
        }
        return packets;
    }

    /** @return the underlying random source */
    public Random random() {
        return random;
    }
}

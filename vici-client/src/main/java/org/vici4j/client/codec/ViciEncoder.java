package org.vici4j.client.codec;

import java.util.Objects;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.message.ViciPacket;

/**
 * Encodes {@link ViciPacket}s into VICI wire bytes.
 *
 * <p>The whole packet is measured and checked against the {@link ViciLimits} first; if a name, value,
 * nesting depth or the total size exceeds a limit, a {@link ProtocolException} naming the offending
 * entry is thrown and nothing is produced. Stateless and thread-safe.
 */
public final class ViciEncoder {

    /** Size of the transport length prefix. */
    public static final int LENGTH_PREFIX_SIZE = 4;

    private ViciEncoder() {
    }

    /**
     * Encodes a packet body (type, name, message) without the 4-byte length prefix, under the
     * {@linkplain ViciLimits#DEFAULT default limits}.
     *
     * @param packet the packet
     * @return the packet body
     * @throws ProtocolException if a limit is exceeded or a name is not well-formed text
     */
    public static byte[] encode(ViciPacket packet) {
        return encode(packet, ViciLimits.DEFAULT);
    }

    /**
     * Encodes a packet body (type, name, message) without the 4-byte length prefix.
     *
     * @param packet the packet
     * @param limits the limits to enforce
     * @return the packet body
     * @throws ProtocolException if a limit is exceeded or a name is not well-formed text
     */
    public static byte[] encode(ViciPacket packet, ViciLimits limits) {
        return encode(packet, limits, 0);
    }

    /**
     * Encodes a packet with its 4-byte big-endian length prefix, ready for the socket.
     *
     * @param packet the packet
     * @param limits the limits to enforce (the segment limit applies to the body, without prefix)
     * @return length prefix followed by the packet body
     * @throws ProtocolException if a limit is exceeded or a name is not well-formed text
     */
    public static byte[] encodeFrame(ViciPacket packet, ViciLimits limits) {
        return encode(packet, limits, LENGTH_PREFIX_SIZE);
    }

    /**
     * Measures a packet body and checks it against the limits, without encoding it.
     *
     * @param packet the packet
     * @param limits the limits to enforce
     * @return the size of the packet body in bytes
     * @throws ProtocolException if a limit is exceeded or a name is not well-formed text
     */
    public static int encodedLength(ViciPacket packet, ViciLimits limits) {
        Objects.requireNonNull(packet, "packet");
        Objects.requireNonNull(limits, "limits");
        return new PacketSizer(limits).measure(packet);
    }

    private static byte[] encode(ViciPacket packet, ViciLimits limits, int prefix) {
        int length = encodedLength(packet, limits);
        byte[] out = new byte[prefix + length];
        if (prefix == LENGTH_PREFIX_SIZE) {
            out[0] = (byte) (length >>> 24);
            out[1] = (byte) (length >>> 16);
            out[2] = (byte) (length >>> 8);
            out[3] = (byte) length;
        }
        int end = new PacketWriter(out, prefix).write(packet);
        if (end != out.length) {
            throw new IllegalStateException("encoder wrote " + end + " bytes, measured " + out.length);
        }
        return out;
    }
}

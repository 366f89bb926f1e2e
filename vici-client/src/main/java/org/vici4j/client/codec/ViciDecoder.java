package org.vici4j.client.codec;

import java.util.Objects;
import org.vici4j.client.ProtocolException;
import org.vici4j.client.message.ViciPacket;

/**
 * Decodes VICI packet bodies (type, name, message; without the 4-byte length prefix) into
 * {@link ViciPacket}s.
 *
 * <p>The decoder is a single-pass state machine over the bytes. It rejects every malformed input with
 * a {@link ProtocolException} whose message names the problem and the byte offset (counted from the
 * first byte of the packet body): unknown packet or element types, truncated names or values,
 * unbalanced sections, misplaced list elements, unterminated lists or sections, non-UTF-8 names and
 * anything over the {@link ViciLimits}. It never allocates more than the input's size and always
 * terminates. Stateless and thread-safe.
 */
public final class ViciDecoder {

    private ViciDecoder() {
    }

    /**
     * Decodes a packet body under the {@linkplain ViciLimits#DEFAULT default limits}.
     *
     * @param packetBody the packet body
     * @return the packet
     * @throws ProtocolException if the bytes are not a valid VICI packet within the limits
     */
    public static ViciPacket decode(byte[] packetBody) {
        return decode(packetBody, ViciLimits.DEFAULT);
    }

    /**
     * Decodes a packet body.
     *
     * @param packetBody the packet body
     * @param limits the limits to enforce
     * @return the packet
     * @throws ProtocolException if the bytes are not a valid VICI packet within the limits
     */
    public static ViciPacket decode(byte[] packetBody, ViciLimits limits) {
        return decode(packetBody, 0, packetBody.length, limits);
    }

    /**
     * Decodes a packet body held in a range of an array; the array is not modified or retained.
     *
     * @param buffer the array
     * @param offset index of the packet body's first byte
     * @param length size of the packet body
     * @param limits the limits to enforce
     * @return the packet
     * @throws ProtocolException if the bytes are not a valid VICI packet within the limits
     * @throws IndexOutOfBoundsException if the range is not inside {@code buffer}
     */
    public static ViciPacket decode(byte[] buffer, int offset, int length, ViciLimits limits) {
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(limits, "limits");
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length > limits.maxSegmentSize()) {
            throw new ProtocolException("VICI packet of " + length + " bytes exceeds the segment limit of "
                    + limits.maxSegmentSize() + " bytes");
        }
        return new PacketParser(buffer, offset, length, limits).parse();
    }
}

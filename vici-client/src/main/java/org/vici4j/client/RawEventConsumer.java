package org.vici4j.client;

/**
 * Takes the events of a streamed command as the bytes charon sent, undecoded: for a consumer that renders or
 * forwards thousands of events and would only throw away the {@link org.vici4j.client.message.ViciSection}s
 * (see {@link BlockingViciClient#streamedRaw}).
 *
 * <p>The bytes are a whole VICI packet body: the type byte ({@code EVENT}), the name (a length byte and the
 * name) and the message, the event's {@link #messageOffset message} starting after the name. They were not
 * checked beyond the frame length and the event's name: a consumer that reads the message itself must check
 * what it reads, and one that needs it decoded (or the exact {@link ProtocolException} for a malformed one)
 * passes the same range to {@link org.vici4j.client.codec.ViciDecoder#decode(byte[], int, int,
 * org.vici4j.client.codec.ViciLimits)}.
 */
@FunctionalInterface
public interface RawEventConsumer {

    /**
     * Takes one event. The array is the connection's read buffer: valid during the call only, not to be
     * modified or kept.
     *
     * @param packet the array holding the packet body
     * @param offset the index of its first byte (the packet type)
     * @param length its length
     */
    void accept(byte[] packet, int offset, int length);

    /** @return the index of the message of the event packet at {@code offset} of {@code packet} */
    static int messageOffset(byte[] packet, int offset) {
        return offset + 2 + (packet[offset + 1] & 0xff);
    }
}

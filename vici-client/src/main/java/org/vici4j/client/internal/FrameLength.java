package org.vici4j.client.internal;

import org.vici4j.client.ProtocolException;

/**
 * The check of a frame's 4-byte length prefix, shared by both transports (Netty's
 * {@code ViciFrameDecoder} and the blocking {@link BlockingConnection}), so that both reject the same
 * lengths with the same message.
 */
public final class FrameLength {

    private FrameLength() {
    }

    /**
     * @param length the unsigned length prefix
     * @param maxSegmentSize the segment limit
     * @return null if the length is acceptable (1..maxSegmentSize), else the error to fail with
     */
    public static ProtocolException check(long length, int maxSegmentSize) {
        if (length == 0) {
            return new ProtocolException("invalid VICI frame: length prefix is 0, but a packet needs at least its"
                    + " 1-byte type; the peer does not speak VICI or the stream is out of sync");
        }
        if (length > maxSegmentSize) {
            return new ProtocolException("invalid VICI frame: length prefix announces " + length + " bytes, more"
                    + " than the segment limit of " + maxSegmentSize + " bytes; the peer does not speak VICI or the"
                    + " stream is out of sync");
        }
        return null;
    }
}

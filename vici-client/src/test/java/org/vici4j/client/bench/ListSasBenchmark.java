package org.vici4j.client.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.internal.netty.ViciFrameDecoder;
import org.vici4j.client.internal.netty.ViciPacketDecoder;
import org.vici4j.client.message.ViciPacket;

/**
 * Encoding and decoding of a {@code list-sas} stream: one {@code list-sa} event per IKE_SA plus the
 * final response. Each operation handles the whole stream.
 */
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ListSasBenchmark extends CodecBenchmark {

    /** Number of IKE_SAs in the stream. */
    @Param("1000")
    public int ikeSas;

    private List<ViciPacket> packets;
    private byte[][] bodies;
    private byte[] stream;

    /** Builds the stream and its encodings once. */
    @Setup
    public void setUp() {
        packets = ListSasFixture.listSasStream(ikeSas);
        bodies = new byte[packets.size()][];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = ViciEncoder.encode(packets.get(i));
            out.writeBytes(ViciEncoder.encodeFrame(packets.get(i), ViciLimits.DEFAULT));
        }
        stream = out.toByteArray();
    }

    /** Encodes every packet of the stream into a frame. */
    @Benchmark
    public void encodeStream(Blackhole bh) {
        for (ViciPacket packet : packets) {
            bh.consume(ViciEncoder.encodeFrame(packet, ViciLimits.DEFAULT));
        }
    }

    /** Decodes every packet body of the stream. */
    @Benchmark
    public void decodeStream(Blackhole bh) {
        for (byte[] body : bodies) {
            bh.consume(ViciDecoder.decode(body));
        }
    }

    /**
     * Decodes the whole byte stream through the Netty frame and packet decoders, fed in 64 KiB reads
     * as a socket would deliver them.
     *
     * @return the number of packets decoded
     */
    @Benchmark
    public int decodeStreamThroughNetty(Blackhole bh) {
        return decodeThroughNetty(bh::consume);
    }

    int decodeThroughNetty(Consumer<Object> sink) {
        EmbeddedChannel channel = new EmbeddedChannel(new ViciFrameDecoder(), new ViciPacketDecoder());
        int decoded = 0;
        for (int at = 0; at < stream.length; at += 65536) {
            ByteBuf chunk = Unpooled.wrappedBuffer(stream, at, Math.min(65536, stream.length - at));
            channel.writeInbound(chunk);
            for (Object msg; (msg = channel.readInbound()) != null; decoded++) {
                sink.accept(msg);
            }
        }
        channel.finishAndReleaseAll();
        return decoded;
    }

    /** @return total size of the encoded stream in bytes (for the report) */
    public int streamBytes() {
        return stream.length;
    }
}

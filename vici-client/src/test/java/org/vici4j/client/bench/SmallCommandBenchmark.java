package org.vici4j.client.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.message.ViciPacket;

/** Encoding and decoding of one small command request ({@code initiate}). */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SmallCommandBenchmark extends CodecBenchmark {

    private ViciPacket request;
    private byte[] body;

    /** Builds the request and its encoding once. */
    @Setup
    public void setUp() {
        request = ListSasFixture.initiateRequest();
        body = ViciEncoder.encode(request);
    }

    /** @return the length-prefixed frame of the request */
    @Benchmark
    public byte[] encodeInitiate() {
        return ViciEncoder.encodeFrame(request, ViciLimits.DEFAULT);
    }

    /** @return the decoded request */
    @Benchmark
    public ViciPacket decodeInitiate() {
        return ViciDecoder.decode(body);
    }
}

package org.vici4j.client.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.vici4j.client.codec.ViciDecoder;
import org.vici4j.client.codec.ViciEncoder;
import org.vici4j.client.codec.ViciLimits;
import org.vici4j.client.message.ViciPacket;

/** Encoding and decoding of one small command request ({@code initiate}). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SmallCommandBenchmark {

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

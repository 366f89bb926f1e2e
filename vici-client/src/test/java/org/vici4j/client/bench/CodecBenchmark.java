package org.vici4j.client.bench;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every codec benchmark runs with (JMH's annotations are inherited): average time per operation,
 * 3 warm-up and 5 measured iterations of a second, one fork. Each benchmark picks its own time unit; command-line
 * options of scripts/bench-codec.sh override these.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class CodecBenchmark {
}

package io.maskstream.operators.tracking.bench;

import io.maskstream.state.tracking.StreamTrackerState;
import io.maskstream.state.tracking.StreamTrackerStateSerializer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The tracker's durable state through its Flink serializer, as RocksDB writes it on every frame
 * and reads it on the next: the steady-state tracker of {@link StreamTrackerBenchmark} (20 or 64
 * masklets, full pending window, memory masks as RLE).
 *
 * <p>Run: {@code java -cp <test class path> io.maskstream.operators.tracking.bench.StateSerializerBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class StateSerializerBenchmark {
    @Param({"20", "64"})
    public int masklets;

    private StreamTrackerState state;
    private byte[] bytes;
    private final DataOutputSerializer out = new DataOutputSerializer(1 << 16);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        state = StreamTrackerBenchmark.Scenario.build(masklets).tracker.state();
        out.clear();
        StreamTrackerStateSerializer.INSTANCE.serialize(state, out);
        bytes = out.getCopyOfBuffer();
    }

    @Benchmark
    public int serialize() throws IOException {
        out.clear();
        StreamTrackerStateSerializer.INSTANCE.serialize(state, out);
        return out.length();
    }

    @Benchmark
    public StreamTrackerState deserialize() throws IOException {
        return StreamTrackerStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
    }

    public static void main(String[] args) throws Exception {
        for (int n : new int[] {20, 64}) {
            DataOutputSerializer o = new DataOutputSerializer(1 << 16);
            StreamTrackerStateSerializer.INSTANCE.serialize(StreamTrackerBenchmark.Scenario.build(n).tracker.state(), o);
            System.out.printf("tracker state, %d masklets: %d bytes%n", n, o.length());
        }
        new Runner(new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(StateSerializerBenchmark.class.getSimpleName()).build()).run();
    }
}

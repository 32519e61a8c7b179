import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The job smoke.sh submits to prove the local cluster works: an endless, throttled number
 * sequence, keyed, with a per-key counter in keyed state (RocksDB on this cluster), checkpointed
 * every second. It runs until it is stopped, so a TaskManager can be killed under it.
 * Compiled by smoke.sh against the cluster's own jars; not part of the Maven build.
 */
public final class SmokeJob {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(1000);
        env.fromSequence(0, Long.MAX_VALUE)
                .name("numbers")
                .map(new Throttle())
                .name("throttle")
                .keyBy(n -> n % 16)
                .process(new CountPerKey())
                .name("count-per-key")
                .sinkTo(new DiscardingSink<>())
                .name("discard");
        env.execute("maskstream-smoke");
    }

    /** About 500 records per second and subtask: enough to keep state changing, cheap on 2 cores. */
    static final class Throttle implements MapFunction<Long, Long> {
        @Override
        public Long map(Long n) throws Exception {
            Thread.sleep(2);
            return n;
        }
    }

    /** Counts records per key in keyed state, so that checkpoints carry real RocksDB state. */
    static final class CountPerKey extends KeyedProcessFunction<Long, Long, String> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
        }

        @Override
        public void processElement(Long n, Context context, Collector<String> out) throws Exception {
            long next = (count.value() == null ? 0 : count.value()) + 1;
            count.update(next);
            out.collect(context.getCurrentKey() + "=" + next);
        }
    }
}

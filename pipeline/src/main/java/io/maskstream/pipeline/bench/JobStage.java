package io.maskstream.pipeline.bench;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.operators.flink.MaskletTrackingFunction;
import io.maskstream.operators.flink.MaskletTrackingOperator;
import io.maskstream.operators.flink.StreamOptions;
import io.maskstream.pipeline.config.MaskstreamConfig;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.KafkaTrackingJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The full job: Kafka (a real broker in this JVM) → Flink MiniCluster with RocksDB and exactly-once
 * checkpoints every second → Kafka. Output arrival is timed by a {@code read_uncommitted} consumer in
 * this process: it sees each masklet frame when the job writes it, not when the checkpoint commits
 * the transaction ({@code read_committed} readers see output up to one checkpoint interval later).
 */
final class JobStage implements AutoCloseable {
    /** Max-rate run: frames/s in steady state and the largest durable state of a stream. */
    record Throughput(int parallelism, double fps, long stateBytes, double seconds, long gcMillis, long outputs,
                      double taskCpuMillisPerFrame, double processCpuMillisPerFrame, long framesDetectedInBatch) {}

    /** Paced run: end-to-end latency from produce to consume, minus the confirmation delay. */
    record Latency(double pacedFps, double p50Millis, double p99Millis, double maxMillis, int samples) {}

    private final EmbeddedKafkaBroker kafka;
    /** The lines that choose the job's models (key=value). */
    private final List<String> modelSettings;
    private final Path work;
    private final String device;
    private final int trackerBatchSize;
    private final int confirmationDelay;
    private final int detectorMaxBatch;
    private int runs;

    JobStage(Path models, Path work, String device, int trackerBatchSize, int confirmationDelay) {
        this(models, work, device, trackerBatchSize, confirmationDelay, 1);
    }

    JobStage(Path models, Path work, String device, int trackerBatchSize, int confirmationDelay, int detectorMaxBatch) {
        this(List.of("model.dir=" + models), work, device, trackerBatchSize, confirmationDelay, detectorMaxBatch);
    }

    /** The job with the models {@code modelSettings} choose (a kit and its settings, key=value). */
    JobStage(List<String> modelSettings, Path work, String device, int trackerBatchSize, int confirmationDelay,
             int detectorMaxBatch) {
        this.detectorMaxBatch = detectorMaxBatch;
        this.kafka = EmbeddedKafkaBroker.start();
        this.modelSettings = List.copyOf(modelSettings);
        this.work = work;
        this.device = device;
        this.trackerBatchSize = trackerBatchSize;
        this.confirmationDelay = confirmationDelay;
    }

    /** Frames already in Kafka, the job bounded: the highest rate the job sustains. */
    Throughput maxRate(BenchInputs in, int parallelism) throws Exception {
        return maxRate(in, parallelism, detectorMaxBatch);
    }

    /** {@link #maxRate(BenchInputs, int)} at {@code stream.detector-max-batch} = {@code maxBatch}. */
    Throughput maxRate(BenchInputs in, int parallelism, int maxBatch) throws Exception {
        String prefix = newTopics(in);
        List<FrameRecord> all = new ArrayList<>();
        int n = in.frameCount();
        for (int f = 0; f < n; f++) {
            for (int s = 0; s < in.streamIds.size(); s++) {
                all.add(in.records.get(s).get(f));
            }
        }
        for (int s = 0; s < in.streamIds.size(); s++) {
            all.add(in.endOfStream(s, 0L));
        }
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (FrameRecord r : all) {
                producer.send(record(prefix, r));
            }
            producer.flush();
        }
        Arrivals arrivals = new Arrivals(in, prefix + "masklets");
        arrivals.start();
        Configuration conf = config(prefix, in, parallelism, true);
        conf.set(StreamOptions.DETECTOR_MAX_BATCH, maxBatch);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        KafkaTrackingJob.create(conf).build(env);
        long gc0 = Gc.millis();
        long t0 = System.nanoTime();
        JobExecutionResult result = env.execute("maskstream-bench");
        double seconds = (System.nanoTime() - t0) / 1e9;
        long gc = Gc.millis() - gc0;
        arrivals.awaitAll(Duration.ofSeconds(60));
        Long state = result.getAccumulatorResult(MaskletTrackingFunction.MAX_STATE_BYTES_ACCUMULATOR);
        Long inBatch = result.getAccumulatorResult(MaskletTrackingOperator.FRAMES_DETECTED_IN_BATCH_ACCUMULATOR);
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (long[] perStream : arrivals.nanos) {
            for (long t : perStream) {
                if (t != 0) {
                    first = Math.min(first, t);
                    last = Math.max(last, t);
                }
            }
        }
        // The first output appears when frame T of the first stream is processed, the last at end of stream.
        long framesBetween = (long) in.streamIds.size() * (n - 1 - confirmationDelay);
        double fps = framesBetween / ((last - first) / 1e9);
        return new Throughput(parallelism, fps, state == null ? 0 : state, seconds, gc, arrivals.count(),
                (arrivals.taskCpuLast - arrivals.taskCpuFirst) / 1e6 / framesBetween,
                (arrivals.processCpuLast - arrivals.processCpuFirst) / 1e6 / framesBetween,
                inBatch == null ? 0 : inBatch);
    }

    /**
     * The job unbounded, frames produced in real time at {@code fps} (all streams together), each
     * frame's capture time taken when it is sent. A frame's latency is the arrival of its output minus
     * the send time of the frame T later whose processing released it.
     */
    Latency paced(BenchInputs in, int parallelism, double fps) throws Exception {
        String prefix = newTopics(in);
        Arrivals arrivals = new Arrivals(in, prefix + "masklets");
        arrivals.start();
        Configuration conf = config(prefix, in, parallelism, false);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        KafkaTrackingJob.create(conf).build(env);
        JobClient job = env.executeAsync("maskstream-bench-paced");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (job.getJobStatus().get() != JobStatus.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(3000); // operators open their models
            int streams = in.streamIds.size(), n = in.frameCount();
            long[][] sent = new long[streams][n];
            long interval = (long) (1e9 / fps);
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                long next = System.nanoTime();
                for (int f = 0; f < n; f++) {
                    for (int s = 0; s < streams; s++) {
                        long now;
                        while ((now = System.nanoTime()) < next) {
                            long wait = next - now;
                            if (wait > 200_000) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            } else {
                                Thread.onSpinWait();
                            }
                        }
                        FrameRecord r = in.records.get(s).get(f);
                        sent[s][f] = System.nanoTime();
                        FrameRecord stamped = FrameRecord.frame(r.streamId(), r.seq(), 0, System.currentTimeMillis(),
                                r.width(), r.height(), r.encoding(), r.image());
                        producer.send(record(prefix, stamped));
                        producer.flush();
                        next += interval;
                    }
                }
                for (int s = 0; s < streams; s++) {
                    producer.send(record(prefix, in.endOfStream(s, System.currentTimeMillis())));
                }
                producer.flush();
            }
            arrivals.awaitAll(Duration.ofSeconds(120));
            List<Double> latencies = new ArrayList<>();
            int skip = 10; // the first releases still warm up the job's code paths
            for (int s = 0; s < streams; s++) {
                for (int f = skip; f + confirmationDelay < n; f++) {
                    long arrived = arrivals.nanos[s][f];
                    if (arrived != 0) {
                        latencies.add((arrived - sent[s][f + confirmationDelay]) / 1e6);
                    }
                }
            }
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new Latency(fps, percentile(sorted, 0.50), percentile(sorted, 0.99),
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1], sorted.length);
        } finally {
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the job may already have failed or finished; the bench reports what it measured
            }
        }
    }

    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private String newTopics(BenchInputs in) {
        String prefix = "bench" + (runs++) + "-";
        kafka.createTopics(in.streamIds.size(), prefix + "frames", prefix + "prompts", prefix + "masklets",
                prefix + "frames-dlq");
        return prefix;
    }

    private Configuration config(String prefix, BenchInputs in, int parallelism, boolean bounded) {
        List<String> settings = new ArrayList<>(modelSettings);
        settings.addAll(List.of(
                "kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "kafka.topic.frames=" + prefix + "frames",
                "kafka.topic.prompts=" + prefix + "prompts",
                "kafka.topic.masklets=" + prefix + "masklets",
                "kafka.topic.dead-letters=" + prefix + "frames-dlq",
                "kafka.group-id=" + prefix + UUID.randomUUID(),
                "kafka.transactional-id-prefix=" + prefix + UUID.randomUUID(),
                "kafka.bounded=" + bounded,
                "kafka.starting-offsets=earliest",
                "model.device=" + device,
                "model.tracker-batch-size=" + trackerBatchSize,
                "stream.detector-max-batch=" + detectorMaxBatch,
                "stream.default-concepts=" + String.join(";", in.concepts),
                "job.parallelism=" + parallelism,
                "job.state-backend=rocksdb",
                "job.checkpoint-interval=1 s",
                "job.checkpoint-dir=" + work.resolve("checkpoints-" + prefix).toUri()));
        Configuration conf = MaskstreamConfig.load(null, settings);
        MaskstreamConfig.validate(conf);
        return conf;
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(8 << 20));
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<byte[], byte[]> record(String prefix, FrameRecord r) {
        return new ProducerRecord<>(prefix + "frames", r.streamId().getBytes(StandardCharsets.UTF_8),
                FrameRecordCodec.encode(r));
    }

    @Override
    public void close() {
        kafka.close();
    }

    /** A consumer thread that notes when each (stream, seq) output arrives. */
    private final class Arrivals extends Thread {
        final long[][] nanos;
        private final List<String> ids;
        private final String topic;
        private final AtomicBoolean stop = new AtomicBoolean();
        private volatile long count;
        private final int expected;
        /** CPU time of the tracking task threads and of the whole process at the first and the last arrival. */
        volatile long taskCpuFirst, taskCpuLast, processCpuFirst, processCpuLast;
        private long[] taskThreads = new long[0];

        Arrivals(BenchInputs in, String topic) {
            super("bench-arrivals");
            setDaemon(true);
            this.ids = in.streamIds;
            this.topic = topic;
            this.nanos = new long[in.streamIds.size()][in.frameCount()];
            this.expected = in.streamIds.size() * in.frameCount();
        }

        long count() {
            return count;
        }

        @Override
        public void run() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                c.subscribe(List.of(topic));
                while (!stop.get() && count < expected) {
                    for (var r : c.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        MaskletFrame m = MaskletFrameJson.fromJson(r.value());
                        int s = ids.indexOf(m.streamId());
                        if (s >= 0 && m.seq() < nanos[s].length && nanos[s][(int) m.seq()] == 0) {
                            nanos[s][(int) m.seq()] = now;
                            if (count == 0) {
                                taskCpuFirst = taskCpu();
                                processCpuFirst = Cpu.process();
                            }
                            taskCpuLast = taskCpu();
                            processCpuLast = Cpu.process();
                            count++;
                        }
                    }
                }
            }
        }

        /** CPU time so far of the threads running the tracking operator (the sink is chained to it). */
        private long taskCpu() {
            if (taskThreads.length == 0) {
                taskThreads = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("masklet-tracking")).mapToLong(Thread::getId).toArray();
            }
            long sum = 0;
            for (long id : taskThreads) {
                sum += Math.max(0, Cpu.thread(id));
            }
            return sum;
        }

        void awaitAll(Duration timeout) throws InterruptedException {
            join(timeout.toMillis());
            stop.set(true);
            join(5000);
        }
    }

    /** Cumulative garbage-collection time of this JVM. */
    static final class Gc {
        private Gc() {}

        static long millis() {
            return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
        }
    }
}

package io.maskstream.pipeline.bench;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordCodec;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.connectors.kafka.DeliveryMode;
import io.maskstream.operators.flink.MaskletTrackingFunction;
import io.maskstream.operators.flink.MaskletTrackingOperator;
import io.maskstream.operators.flink.StreamOptions;
import io.maskstream.pipeline.config.MaskstreamConfig;
import io.maskstream.pipeline.job.JobEnvironment;
import io.maskstream.pipeline.job.JobLauncher;
import io.maskstream.pipeline.job.KafkaTrackingJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The full job: Kafka (a real broker in a JVM of its own, {@link BrokerProcess}) → Flink MiniCluster with RocksDB
 * and checkpoints every second → Kafka, in the delivery mode asked for (exactly-once by default). Output arrival
 * is timed by the two readers beside the broker: {@code read_uncommitted} sees each masklet frame when the job
 * writes it, {@code read_committed} when the checkpoint commits it (exactly-once) or at once (at-least-once).
 */
final class JobStage implements AutoCloseable {
    /** Max-rate run: frames/s in steady state and the largest durable state of a stream. */
    record Throughput(int parallelism, double fps, long stateBytes, double seconds, long gcMillis, long outputs,
                      double taskCpuMillisPerFrame, double processCpuMillisPerFrame, long framesDetectedInBatch,
                      String cpuByThreadKind) {}

    private final BrokerProcess kafka;
    private final GcPauses gc = new GcPauses();
    private final CpuPinning pinning;
    private final List<String> jobSettings;
    private final boolean coldStart;
    /** The lines that choose the job's models (key=value). */
    private final List<String> modelSettings;
    private final Path work;
    private final String device;
    private final int trackerBatchSize;
    private final int confirmationDelay;
    private final int detectorMaxBatch;
    private int runs;

    JobStage(Path models, Path work, String device, int trackerBatchSize, int confirmationDelay, int detectorMaxBatch,
             CpuPinning pinning, HarnessSettings harness) throws IOException {
        this(List.of("model.dir=" + models), work, device, trackerBatchSize, confirmationDelay, detectorMaxBatch,
                pinning, harness);
    }

    /**
     * The job with the models {@code modelSettings} choose (a kit and its settings, key=value) and the harness's
     * job settings after the bench's own; starts the broker process on the CPUs {@code pinning} gives it.
     */
    JobStage(List<String> modelSettings, Path work, String device, int trackerBatchSize, int confirmationDelay,
             int detectorMaxBatch, CpuPinning pinning, HarnessSettings harness) throws IOException {
        this.detectorMaxBatch = detectorMaxBatch;
        this.coldStart = harness.coldStart();
        this.jobSettings = harness.jobSettings();
        this.pinning = pinning;
        this.kafka = BrokerProcess.start(pinning.brokerCpus(), work.resolve("broker.log"));
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
        Arrivals arrivals = new Arrivals(in);
        kafka.read(prefix + "masklets", arrivals);
        Configuration conf = config(prefix, in, parallelism, true, DeliveryMode.EXACTLY_ONCE);
        conf.set(StreamOptions.DETECTOR_MAX_BATCH, maxBatch);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        KafkaTrackingJob.create(conf).build(env);
        long gc0 = Gc.millis();
        long t0 = System.nanoTime();
        JobExecutionResult result = env.execute("maskstream-bench");
        double seconds = (System.nanoTime() - t0) / 1e9;
        long gcMillis = Gc.millis() - gc0;
        arrivals.await(false, Duration.ofSeconds(60));
        kafka.stopReading();
        Long state = result.getAccumulatorResult(MaskletTrackingFunction.MAX_STATE_BYTES_ACCUMULATOR);
        Long inBatch = result.getAccumulatorResult(MaskletTrackingOperator.FRAMES_DETECTED_IN_BATCH_ACCUMULATOR);
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (long[] perStream : arrivals.uncommitted) {
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
        long processCpu = arrivals.processCpuLast - arrivals.processCpuFirst;
        StringBuilder threads = new StringBuilder();
        long inThreads = 0;
        for (var kind : Cpu.spentByKind(arrivals.threadsFirst, arrivals.threadsLast)) {
            inThreads += kind.getValue();
            if (kind.getValue() / 1e6 / framesBetween >= 0.5) {
                threads.append(String.format(java.util.Locale.ROOT, "%s %.1f; ", kind.getKey(),
                        kind.getValue() / 1e6 / framesBetween));
            }
        }
        threads.append(String.format(java.util.Locale.ROOT, "not in a Java thread (GC, JIT, RocksDB's own) %.1f",
                (processCpu - inThreads) / 1e6 / framesBetween));
        return new Throughput(parallelism, fps, state == null ? 0 : state, seconds, gcMillis, arrivals.count(false),
                (arrivals.taskCpuLast - arrivals.taskCpuFirst) / 1e6 / framesBetween,
                processCpu / 1e6 / framesBetween, inBatch == null ? 0 : inBatch, threads.toString());
    }

    /**
     * The job unbounded in delivery mode {@code mode}, frames produced in real time at {@code fps} (all streams
     * together), each frame's capture time taken when it is sent. The camera waits for the job's answer to its
     * first frames (its operators have opened their models) unless the harness asks for a cold start; the first
     * {@value #SKIPPED_FRAMES} frames are not timed.
     */
    LatencyRun paced(BenchInputs in, int parallelism, double fps, DeliveryMode mode, PrintStream log)
            throws Exception {
        String prefix = newTopics(in);
        Arrivals arrivals = new Arrivals(in);
        kafka.read(prefix + "masklets", arrivals);
        Configuration conf = config(prefix, in, parallelism, false, mode);
        StreamExecutionEnvironment env = JobEnvironment.local(conf);
        LatencyProbe probe = new LatencyProbe(prefix);
        KafkaTrackingJob.create(conf, List.of(probe)).build(env);
        JobLauncher.Launched launched = JobLauncher.launch(env, "maskstream-bench-paced", null);
        JobClient job = launched.client();
        int streams = in.streamIds.size(), n = in.frameCount();
        long[][] sent = new long[streams][n];
        long[][] emitted = new long[streams][n];
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (job.getJobStatus().get() != JobStatus.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long running = System.nanoTime();
            if (coldStart) {
                Thread.sleep(COLD_START_WAIT.toMillis());
            }
            long interval = (long) (1e9 / fps);
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
                if (f == confirmationDelay && !coldStart) {
                    // The camera starts when the job is ready: the first output (frame 0, released by frame T)
                    // comes once the operators have opened their models; until then the frames wait here.
                    arrivals.awaitFirst(Duration.ofSeconds(120));
                    next = System.nanoTime();
                    log.printf("        %s: the first output came %.1f s after the job was RUNNING%n", mode,
                            (next - running) / 1e9);
                }
            }
            for (int s = 0; s < streams; s++) {
                producer.send(record(prefix, in.endOfStream(s, System.currentTimeMillis())));
            }
            producer.flush();
            arrivals.await(mode == DeliveryMode.AT_LEAST_ONCE, Duration.ofSeconds(120));
            arrivals.await(true, Duration.ofSeconds(60));
            for (int s = 0; s < streams; s++) {
                for (int f = 0; f < n; f++) {
                    emitted[s][f] = probe.emitted(in.streamIds.get(s), f);
                }
            }
            long end = System.nanoTime();
            List<LatencyRun.Checkpoint> checkpoints = CheckpointHistory.read(launched.restAddress(),
                    job.getJobID().toHexString());
            long start = sent[0][0];
            return new LatencyRun(mode, fps, confirmationDelay, SKIPPED_FRAMES, sent, emitted, arrivals.uncommitted,
                    arrivals.committed, checkpoints.stream().filter(c -> c.triggerNanos() >= start).toList(),
                    gc.between(start, end), kafka.gcBetween(start, end), pinning.describe());
        } finally {
            kafka.stopReading();
            probe.forget();
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the job may already have failed or finished; the bench reports what it measured
            }
        }
    }

    /** With a cold start, how long after the job is RUNNING the camera starts (what the bench did before). */
    static final Duration COLD_START_WAIT = Duration.ofSeconds(3);

    /** Frames at the start of a paced run that are not timed: the first releases still warm up the code paths. */
    static final int SKIPPED_FRAMES = 10;

    private String newTopics(BenchInputs in) {
        String prefix = "bench" + (runs++) + "-";
        kafka.createTopics(in.streamIds.size(), prefix + "frames", prefix + "prompts", prefix + "masklets",
                prefix + "frames-dlq");
        return prefix;
    }

    private Configuration config(String prefix, BenchInputs in, int parallelism, boolean bounded, DeliveryMode mode) {
        List<String> settings = new ArrayList<>(modelSettings);
        settings.addAll(List.of(
                "kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "kafka.topic.frames=" + prefix + "frames",
                "kafka.topic.prompts=" + prefix + "prompts",
                "kafka.topic.masklets=" + prefix + "masklets",
                "kafka.topic.dead-letters=" + prefix + "frames-dlq",
                "kafka.group-id=" + prefix + UUID.randomUUID(),
                "kafka.transactional-id-prefix=" + prefix + UUID.randomUUID(),
                "kafka.delivery-mode=" + mode,
                "kafka.bounded=" + bounded,
                "kafka.starting-offsets=earliest",
                "model.device=" + device,
                "model.tracker-batch-size=" + trackerBatchSize,
                "stream.detector-max-batch=" + detectorMaxBatch,
                "stream.default-concepts=" + String.join(";", in.concepts),
                "job.parallelism=" + parallelism,
                "job.state-backend=rocksdb",
                "job.checkpoint-interval=1 s",
                "job.checkpoint-dir=" + work.resolve("checkpoints-" + prefix).toUri(),
                // every checkpoint of a run stays in the REST API's history, read at the end
                "flink.web.checkpoints.history=100000",
                "flink.rest.cache.checkpoint-statistics.timeout=10 ms"));
        settings.addAll(jobSettings);
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
        gc.close();
        kafka.close();
    }

    /** When each (stream, seq) output was first seen by each reader beside the broker. */
    private final class Arrivals implements BrokerProcess.Sightings {
        final long[][] uncommitted;
        final long[][] committed;
        private final List<String> ids;
        private final int expected;
        private int uncommittedCount, committedCount;
        /** CPU time of the tracking task threads and of the whole process at the first and the last arrival. */
        volatile long taskCpuFirst, taskCpuLast, processCpuFirst, processCpuLast;
        /** CPU time of every thread of the process at the first and the last arrival. */
        volatile java.util.Map<Long, Cpu.Named> threadsFirst = java.util.Map.of(), threadsLast = java.util.Map.of();
        private long[] taskThreads = new long[0];

        Arrivals(BenchInputs in) {
            this.ids = in.streamIds;
            this.uncommitted = new long[in.streamIds.size()][in.frameCount()];
            this.committed = new long[in.streamIds.size()][in.frameCount()];
            this.expected = in.streamIds.size() * in.frameCount();
        }

        @Override
        public synchronized void seen(boolean isCommitted, String streamId, long seq, long nanos) {
            int s = ids.indexOf(streamId);
            if (s < 0 || seq >= uncommitted[s].length) {
                return;
            }
            long[][] at = isCommitted ? committed : uncommitted;
            if (at[s][(int) seq] != 0) {
                return;
            }
            at[s][(int) seq] = nanos;
            if (isCommitted) {
                committedCount++;
            } else {
                if (uncommittedCount == 0) {
                    taskCpuFirst = taskCpu();
                    processCpuFirst = Cpu.process();
                    threadsFirst = Cpu.threads();
                }
                taskCpuLast = taskCpu();
                processCpuLast = Cpu.process();
                threadsLast = Cpu.threads();
                uncommittedCount++;
            }
            notifyAll();
        }

        synchronized long count(boolean isCommitted) {
            return isCommitted ? committedCount : uncommittedCount;
        }

        /** Waits until every output has been seen by the reader at that isolation level, or {@code timeout}. */
        synchronized void await(boolean isCommitted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while ((isCommitted ? committedCount : uncommittedCount) < expected && System.nanoTime() < deadline) {
                wait(100);
            }
        }

        /** Waits for the first output seen by either reader. */
        synchronized void awaitFirst(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (uncommittedCount == 0 && committedCount == 0 && System.nanoTime() < deadline) {
                wait(100);
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

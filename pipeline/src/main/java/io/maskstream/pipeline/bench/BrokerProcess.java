package io.maskstream.pipeline.bench;

import io.maskstream.kafka.embedded.EmbeddedKafkaBroker;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The bench's Kafka broker in a JVM of its own (optionally pinned to its own CPUs with {@code taskset}), with the
 * consumers that time the output beside it: a {@code read_uncommitted} and a {@code read_committed} reader that
 * report, for each masklet frame, the {@link System#nanoTime()} they first saw it. On Linux nanoTime is one
 * clock for every process of the machine, so these times compare with the job's.
 *
 * <p>The two processes talk in lines: the child prints {@value #PREFIX}{@code ready BOOTSTRAP}, then answers
 * {@code topics P T...}, {@code read TOPIC} and {@code stop-read} with {@code ok}; it prints {@code seen U|C
 * STREAM SEQ NANOS} for each first sight and {@code gc START_NANOS DURATION_NANOS} for each of its GC pauses;
 * it stops when its standard input closes.
 */
final class BrokerProcess implements AutoCloseable {
    /** Marks the protocol's lines among anything else the child prints. */
    static final String PREFIX = "@bench ";

    /** A masklet frame first seen by one of the readers. */
    interface Sightings {
        void seen(boolean committed, String streamId, long seq, long nanos);
    }

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> bootstrap = new CompletableFuture<>();
    private final List<GcPauses.Pause> gcPauses = new ArrayList<>();
    private final String cpus;
    private volatile Sightings sightings = (c, s, q, n) -> { };

    private BrokerProcess(Process process, String cpus) {
        this.process = process;
        this.cpus = cpus;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread t = new Thread(this::readLines, "bench-broker-lines");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Starts the broker JVM with this JVM's class path, pinned to {@code cpus} (a taskset CPU list) unless null;
     * its log goes to {@code log}. Returns once the broker answers.
     */
    static BrokerProcess start(String cpus, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (cpus != null) {
            cmd.addAll(CpuPinning.command(cpus));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), BrokerProcess.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        BrokerProcess broker = new BrokerProcess(p, cpus);
        try {
            broker.bootstrap.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            broker.close();
            throw new IOException("the broker process did not start; see " + log, e);
        }
        return broker;
    }

    String bootstrapServers() {
        return bootstrap.join();
    }

    /** The CPUs the broker runs on, or null when it is not pinned. */
    String cpus() {
        return cpus;
    }

    void createTopics(int partitions, String... topics) {
        command("topics " + partitions + " " + String.join(" ", topics));
    }

    /** Starts both readers on {@code topic} (replacing earlier ones); their sightings go to {@code to}. */
    void read(String topic, Sightings to) {
        this.sightings = to;
        command("read " + topic);
    }

    void stopReading() {
        command("stop-read");
        this.sightings = (c, s, q, n) -> { };
    }

    /** The broker JVM's GC pauses that began between the two times. */
    List<GcPauses.Pause> gcBetween(long fromNanos, long toNanos) {
        synchronized (gcPauses) {
            return gcPauses.stream().filter(p -> p.startNanos() >= fromNanos && p.startNanos() <= toNanos).toList();
        }
    }

    private void command(String line) {
        try {
            commands.write(line + "\n");
            commands.flush();
            String reply = replies.poll(120, TimeUnit.SECONDS);
            if (!"ok".equals(reply)) {
                throw new IllegalStateException("broker process: '" + line + "' answered " + reply);
            }
        } catch (IOException e) {
            throw new IllegalStateException("broker process: cannot send '" + line + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith(PREFIX)) {
                    continue;
                }
                String[] w = line.substring(PREFIX.length()).split(" ");
                switch (w[0]) {
                    case "ready" -> bootstrap.complete(w[1]);
                    case "seen" -> sightings.seen(w[1].equals("C"), w[2], Long.parseLong(w[3]), Long.parseLong(w[4]));
                    case "gc" -> {
                        synchronized (gcPauses) {
                            gcPauses.add(new GcPauses.Pause(Long.parseLong(w[1]), Long.parseLong(w[2]), "broker"));
                        }
                    }
                    default -> replies.add(String.join(" ", w));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
        bootstrap.completeExceptionally(new IllegalStateException("the broker process ended"));
        replies.add("the broker process ended");
    }

    @Override
    public void close() {
        try {
            commands.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    // ---- the child process ------------------------------------------------------------------------------------

    private static final PrintStream OUT = System.out;

    private static void reply(String line) {
        synchronized (OUT) {
            OUT.println(PREFIX + line);
            OUT.flush();
        }
    }

    /** The broker process: see the class comment for its protocol. */
    public static void main(String[] args) throws Exception {
        // Kafka's own console output must not mix with the protocol.
        System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start();
             GcPauses gc = new GcPauses(p -> reply("gc " + p.startNanos() + " " + p.durationNanos()))) {
            reply("ready " + kafka.bootstrapServers());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            List<Reader> readers = List.of();
            String line;
            while ((line = in.readLine()) != null) {
                String[] w = line.split(" ");
                try {
                    switch (w[0]) {
                        case "topics" -> kafka.createTopics(Integer.parseInt(w[1]), List.of(w).subList(2, w.length));
                        case "read" -> {
                            stop(readers);
                            readers = List.of(new Reader(kafka.bootstrapServers(), w[1], false),
                                    new Reader(kafka.bootstrapServers(), w[1], true));
                            readers.forEach(Thread::start);
                        }
                        case "stop-read" -> {
                            stop(readers);
                            readers = List.of();
                        }
                        default -> throw new IllegalArgumentException("unknown command " + w[0]);
                    }
                    reply("ok");
                } catch (Exception e) {
                    reply("error " + e);
                }
            }
            stop(readers);
        }
    }

    private static void stop(List<Reader> readers) throws InterruptedException {
        for (Reader r : readers) {
            r.stop.set(true);
        }
        for (Reader r : readers) {
            r.join(10_000);
        }
    }

    /** A consumer at one isolation level that reports the first sight of each (stream, seq). */
    private static final class Reader extends Thread {
        final AtomicBoolean stop = new AtomicBoolean();
        private final String bootstrap;
        private final String topic;
        private final boolean committed;

        Reader(String bootstrap, String topic, boolean committed) {
            super("bench-reader-" + (committed ? "committed" : "uncommitted"));
            setDaemon(true);
            this.bootstrap = bootstrap;
            this.topic = topic;
            this.committed = committed;
        }

        @Override
        public void run() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committed ? "read_committed" : "read_uncommitted");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            // A reader that waits for data answers as soon as a record arrives; this bounds its idle polling.
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
            Set<String> seen = new HashSet<>();
            String mark = committed ? "C" : "U";
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> parts = c.partitionsFor(topic).stream()
                        .map(i -> new TopicPartition(topic, i.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                while (!stop.get()) {
                    for (var r : c.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        MaskletFrame m = MaskletFrameJson.fromJson(r.value());
                        if (seen.add(m.streamId() + "#" + m.seq())) {
                            reply("seen " + mark + " " + m.streamId() + " " + m.seq() + " " + now);
                        }
                    }
                }
            }
        }
    }
}

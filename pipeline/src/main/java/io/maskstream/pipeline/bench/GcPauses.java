package io.maskstream.pipeline.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The garbage-collection pauses of this JVM as they happen (the collectors' MXBean notifications), on the
 * {@link System#nanoTime()} axis, which on Linux is one clock for every process of the machine.
 */
final class GcPauses implements AutoCloseable {
    /** One collection: when it began and how long it took, on the nanoTime axis. */
    record Pause(long startNanos, long durationNanos, String collector) {}

    private final List<Pause> pauses = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    /** nanoTime when this JVM started: the GC notifications count milliseconds from there. */
    private final long jvmStartNanos;
    private final java.util.function.Consumer<Pause> also;

    GcPauses() {
        this(p -> { });
    }

    /** Records every pause and hands it to {@code also} as well (the broker process prints it). */
    GcPauses(java.util.function.Consumer<Pause> also) {
        this.also = also;
        this.jvmStartNanos = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
    }

    private void onNotification(Notification n, Object handback) {
        if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        // G1's concurrent cycle does not stop the application threads; only the pauses matter for latency.
        if (info.getGcName().contains("Concurrent")) {
            return;
        }
        Pause p = new Pause(jvmStartNanos + info.getGcInfo().getStartTime() * 1_000_000L,
                info.getGcInfo().getDuration() * 1_000_000L, info.getGcName());
        synchronized (pauses) {
            pauses.add(p);
        }
        also.accept(p);
    }

    /** The pauses that began between {@code fromNanos} and {@code toNanos}. */
    List<Pause> between(long fromNanos, long toNanos) {
        synchronized (pauses) {
            return pauses.stream().filter(p -> p.startNanos() >= fromNanos && p.startNanos() <= toNanos).toList();
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}

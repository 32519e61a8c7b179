package io.maskstream.pipeline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time, the bench's second clock: on a machine shared with other work, wall time per frame follows the other
 * load, CPU time per frame follows the work done.
 */
final class Cpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Cpu() {}

    /** CPU nanoseconds of the calling thread. */
    static long thread() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** CPU nanoseconds of thread {@code id}, -1 when it has ended. */
    static long thread(long id) {
        return THREADS.getThreadCpuTime(id);
    }

    /** CPU nanoseconds of this process, all threads (JIT, GC, Kafka broker, Flink) included. */
    static long process() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** CPU nanoseconds so far of every live thread of this process, by thread id, with its name. */
    static java.util.Map<Long, Named> threads() {
        java.util.Map<Long, Named> out = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null) {
                long cpu = THREADS.getThreadCpuTime(t.getThreadId());
                if (cpu >= 0) {
                    out.put(t.getThreadId(), new Named(t.getThreadName(), cpu));
                }
            }
        }
        return out;
    }

    /** A thread's name and CPU nanoseconds. */
    record Named(String name, long cpuNanos) {}

    /**
     * The CPU each kind of thread spent between two {@link #threads()} samples, by name with the numbers taken out
     * (a pool's threads together), largest first.
     */
    static java.util.List<java.util.Map.Entry<String, Long>> spentByKind(java.util.Map<Long, Named> from,
                                                                        java.util.Map<Long, Named> to) {
        java.util.Map<String, Long> kinds = new java.util.HashMap<>();
        to.forEach((id, t) -> {
            long before = from.containsKey(id) ? from.get(id).cpuNanos() : 0;
            String kind = t.name().replaceAll("[0-9]+", "#");
            kinds.merge(kind.length() > 70 ? kind.substring(0, 70) : kind, t.cpuNanos() - before, Long::sum);
        });
        return kinds.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .toList();
    }
}

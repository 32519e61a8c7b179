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
}

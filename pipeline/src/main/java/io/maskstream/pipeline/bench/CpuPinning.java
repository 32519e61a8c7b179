package io.maskstream.pipeline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the bench's broker and its job apart on the machine's CPUs with Linux's {@code taskset}: the broker (and
 * the readers beside it) on the last CPU, the bench process (bare loop, tracker, job) on the others.
 *
 * @param jobCpus the bench process's CPU list, null when not pinned
 * @param brokerCpus the broker process's CPU list, null when not pinned
 */
record CpuPinning(String jobCpus, String brokerCpus) {
    static final CpuPinning NONE = new CpuPinning(null, null);

    /** The split this machine allows: apart when there are at least 2 CPUs and {@code taskset}; else none. */
    static CpuPinning apart(int cpus) {
        if (cpus < 2 || taskset() == null) {
            return NONE;
        }
        return new CpuPinning(cpus == 2 ? "0" : "0-" + (cpus - 2), String.valueOf(cpus - 1));
    }

    boolean pinned() {
        return jobCpus != null;
    }

    /** Pins every thread of this process (and those it starts later) to {@link #jobCpus}. */
    void pinThisProcess() throws IOException, InterruptedException {
        if (!pinned()) {
            return;
        }
        Process p = new ProcessBuilder(taskset(), "-a", "-p", "-c", jobCpus, String.valueOf(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("taskset could not pin the bench to CPUs " + jobCpus);
        }
    }

    /** The command prefix that runs a program on {@code cpus}. */
    static List<String> command(String cpus) {
        return List.of(taskset(), "-c", cpus);
    }

    String describe() {
        return pinned() ? "taskset: job process on CPU " + jobCpus + ", broker process on CPU " + brokerCpus
                : "not pinned (broker in its own process)";
    }

    private static String taskset() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, "taskset");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}

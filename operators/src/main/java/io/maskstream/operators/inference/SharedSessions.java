package io.maskstream.operators.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link OrtEnvironment} per JVM and one {@link OrtSession} per (ONNX file, session settings),
 * shared by every {@link ModelBundle} that opens it and closed when the last one releases it. ONNX
 * Runtime's {@code run} is thread-safe, so Flink slots of one TaskManager share the sessions.
 */
final class SharedSessions {
    private record Key(Path file, Device device, int intraOpThreads, int interOpThreads, boolean allowSpinning) {}

    private static final class Entry {
        final OrtSession session;
        int references;

        Entry(OrtSession session) {
            this.session = session;
        }
    }

    private static final Map<Key, Entry> SESSIONS = new HashMap<>();

    private SharedSessions() {}

    static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /** A handle on the shared session of {@code file}; close it to release. */
    static synchronized Handle acquire(Path file, InferenceSettings settings) {
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new ModelDirectoryException("cannot open " + file + ": " + e.getMessage(), e);
        }
        Key key = new Key(real, settings.device(), settings.intraOpThreadCount(), settings.interOpThreads(),
                settings.allowSpinning());
        Entry entry = SESSIONS.get(key);
        if (entry == null) {
            entry = new Entry(create(real, settings));
            SESSIONS.put(key, entry);
        }
        entry.references++;
        return new Handle(key, entry.session);
    }

    /** Number of open sessions (for tests). */
    static synchronized int openSessions() {
        return SESSIONS.size();
    }

    private static synchronized void release(Key key) {
        Entry entry = SESSIONS.get(key);
        if (entry == null) {
            return;
        }
        if (--entry.references == 0) {
            SESSIONS.remove(key);
            try {
                entry.session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("closing session of " + key.file() + " failed", e);
            }
        }
    }

    private static OrtSession create(Path file, InferenceSettings settings) {
        OrtEnvironment env = environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Denormals are flushed to zero (as asked below) on ONNX Runtime's pool threads and on the one thread
            // that created the process's first session (ONNX Runtime sets that once per process), never on the
            // other callers' threads: a Flink task thread runs its own share of the work with denormals.
            options.setIntraOpNumThreads(settings.intraOpThreadCount());
            options.setInterOpNumThreads(settings.interOpThreads());
            options.setExecutionMode(settings.interOpThreads() > 1
                    ? OrtSession.SessionOptions.ExecutionMode.PARALLEL
                    : OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // Spinning pool threads would take the cores that Kafka, Flink's network and checkpoint threads and
            // the other slots need between two calls.
            String spin = settings.allowSpinning() ? "1" : "0";
            options.addConfigEntry("session.intra_op.allow_spinning", spin);
            options.addConfigEntry("session.inter_op.allow_spinning", spin);
            options.addConfigEntry("session.set_denormal_as_zero", "1");
            configureDevice(options, settings.device());
            return env.createSession(file.toString(), options);
        } catch (OrtException e) {
            throw new ModelDirectoryException("ONNX Runtime cannot load " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** The provider sessions opened for {@code device} run on (auto resolves to what is present). */
    static String provider(Device device) {
        return switch (device.kind()) {
            case CPU -> "cpu";
            case CUDA -> "cuda:" + device.cudaDevice();
            case AUTO -> cudaAvailable() ? "cuda:" + device.cudaDevice() : "cpu";
        };
    }

    static boolean cudaAvailable() {
        EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
        return providers.contains(OrtProvider.CUDA);
    }

    private static void configureDevice(OrtSession.SessionOptions options, Device device) throws OrtException {
        switch (device.kind()) {
            case CPU -> { }
            case CUDA -> {
                if (!cudaAvailable()) {
                    throw new ModelDirectoryException("model.device=" + device + " but this ONNX Runtime has no CUDA "
                            + "execution provider (available: " + OrtEnvironment.getAvailableProviders()
                            + "); build with the 'cuda' Maven profile (onnxruntime_gpu) on a machine with CUDA, "
                            + "or set model.device to cpu or auto");
                }
                try {
                    options.addCUDA(device.cudaDevice());
                } catch (OrtException e) {
                    throw new ModelDirectoryException("model.device=" + device + ": CUDA device "
                            + device.cudaDevice() + " cannot be used: " + e.getMessage(), e);
                }
            }
            case AUTO -> {
                if (cudaAvailable()) {
                    try {
                        options.addCUDA(device.cudaDevice());
                    } catch (OrtException e) {
                        // auto falls back to the CPU provider
                    }
                }
            }
        }
    }

    /** A reference on a shared session. */
    static final class Handle implements AutoCloseable {
        private final Key key;
        private final OrtSession session;
        private boolean closed;

        private Handle(Key key, OrtSession session) {
            this.key = key;
            this.session = session;
        }

        OrtSession session() {
            return session;
        }

        String fileName() {
            return key.file().getFileName().toString();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(key);
            }
        }
    }
}

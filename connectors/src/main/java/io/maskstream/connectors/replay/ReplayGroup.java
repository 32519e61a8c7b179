package io.maskstream.connectors.replay;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Several replayers at once, one thread each (one stream per source). */
public final class ReplayGroup {
    private final List<FrameReplayer> replayers;

    public ReplayGroup(List<FrameReplayer> replayers) {
        this.replayers = List.copyOf(replayers);
    }

    /** Runs all replayers to their end; results in the order given. */
    public List<ReplayResult> run() throws IOException {
        if (replayers.size() == 1) {
            return List.of(replayers.get(0).run());
        }
        ExecutorService pool = Executors.newFixedThreadPool(replayers.size(), r -> {
            Thread t = new Thread(r, "replay");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ReplayResult>> futures = new ArrayList<>();
            for (FrameReplayer r : replayers) {
                futures.add(pool.submit(r::run));
            }
            List<ReplayResult> results = new ArrayList<>();
            for (Future<ReplayResult> f : futures) {
                try {
                    results.add(f.get());
                } catch (ExecutionException e) {
                    stop();
                    Throwable cause = e.getCause();
                    throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
                } catch (InterruptedException e) {
                    stop();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Asks every replayer to end its stream. */
    public void stop() {
        replayers.forEach(FrameReplayer::stop);
    }
}

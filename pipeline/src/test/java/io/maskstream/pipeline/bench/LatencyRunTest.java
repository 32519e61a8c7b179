package io.maskstream.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.kafka.DeliveryMode;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRunTest {
    private static final long MS = 1_000_000L;
    private static final int T = 2;

    /**
     * One stream of 8 frames captured 100 ms apart; frame f's output is emitted 50 ms after the capture of
     * frame f + T (frame 3's 400 ms, it met a GC pause), seen uncommitted 5 ms later and committed at 1 s.
     */
    private static LatencyRun run() {
        long[][] sent = new long[1][8], emitted = new long[1][8], uncommitted = new long[1][8], committed = new long[1][8];
        for (int f = 0; f < 8; f++) {
            sent[0][f] = 1_000 * MS + f * 100 * MS;
        }
        for (int f = 0; f + T < 8; f++) {
            emitted[0][f] = sent[0][f + T] + (f == 3 ? 400 : 50) * MS;
            uncommitted[0][f] = emitted[0][f] + 5 * MS;
            committed[0][f] = 3_000 * MS;
        }
        List<GcPauses.Pause> gc = List.of(new GcPauses.Pause(sent[0][3 + T] + 100 * MS, 250 * MS, "G1 Young Generation"));
        return new LatencyRun(DeliveryMode.EXACTLY_ONCE, 10, T, 1, sent, emitted, uncommitted, committed, List.of(),
                gc, List.of(), "not pinned");
    }

    @Test
    void eachStageIsTimedFromTheCaptureOfTheFrameThatReleasesTheOutput() {
        LatencyRun r = run();
        assertThat(r.millis(LatencyRun.Stage.EMITTED, 0, 1)).isEqualTo(50.0);
        assertThat(r.millis(LatencyRun.Stage.UNCOMMITTED, 0, 1)).isEqualTo(55.0);
        assertThat(r.millis(LatencyRun.Stage.COMMITTED, 0, 1)).isEqualTo(3_000 - (1_000 + 300));
    }

    @Test
    void theWarmUpFramesAndTheFramesNoLaterFrameReleasedAreNotTimed() {
        LatencyRun.Distribution d = run().distribution(LatencyRun.Stage.EMITTED);
        assertThat(d.samples()).as("frames 1..5: frame 0 is warm-up, 6 and 7 are never released").isEqualTo(5);
        assertThat(d.p50()).isEqualTo(50.0);
        assertThat(d.max()).isEqualTo(400.0);
    }

    @Test
    void theTailNamesTheGcPauseItsSlowestFrameMet() {
        assertThat(run().tail(LatencyRun.Stage.EMITTED))
                .startsWith("1 frames >= p99 (400 ms): 1 overlap a job GC pause, 0 a checkpoint's");
    }

    @Test
    void theConfirmationDelayIsTFramesAtThePacedRate() {
        assertThat(run().confirmationDelayMillis()).isEqualTo(200.0);
    }
}

package io.maskstream.operators.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.operators.stream.ReorderWindow.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderWindowTest {
    @Test
    void inOrderRecordsAreReleasedAtOnce() {
        ReorderWindow w = new ReorderWindow(4, 1000, -1, List.of());
        assertThat(w.offer(0)).isEqualTo(Verdict.ACCEPT);
        assertThat(w.releasable()).containsExactly(0L);
        assertThat(w.offer(1)).isEqualTo(Verdict.ACCEPT);
        assertThat(w.releasable()).containsExactly(1L);
        assertThat(w.nextSeq()).isEqualTo(2);
    }

    @Test
    void aSwappedPairIsReleasedInOrder() {
        ReorderWindow w = new ReorderWindow(4, 1000, 5, List.of());
        assertThat(w.offer(6)).isEqualTo(Verdict.ACCEPT);
        assertThat(w.releasable()).isEmpty();
        assertThat(w.offer(5)).isEqualTo(Verdict.ACCEPT);
        assertThat(w.releasable()).containsExactly(5L, 6L);
    }

    @Test
    void aGapIsGivenUpWhenTheWindowOverflows() {
        ReorderWindow w = new ReorderWindow(2, 1000, 0, List.of());
        w.offer(1);
        w.offer(2);
        assertThat(w.releasable()).isEmpty();
        w.offer(3);
        assertThat(w.releasable()).containsExactly(1L, 2L, 3L);
        assertThat(w.offer(0)).as("the given-up seq arriving after all").isEqualTo(Verdict.LATE);
    }

    @Test
    void aSeqAlreadyProcessedIsADuplicate() {
        ReorderWindow w = new ReorderWindow(4, 1000, 10, List.of());
        assertThat(w.offer(9)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void aSeqAlreadyBufferedIsADuplicate() {
        ReorderWindow w = new ReorderWindow(4, 1000, 10, List.of(12L));
        assertThat(w.offer(12)).isEqualTo(Verdict.DUPLICATE);
    }

    @Test
    void aSeqFarBehindTheWindowIsLate() {
        ReorderWindow w = new ReorderWindow(4, 1000, 100, List.of());
        assertThat(w.offer(50)).isEqualTo(Verdict.LATE);
    }

    @Test
    void aSeqFarAheadIsRejected() {
        ReorderWindow w = new ReorderWindow(4, 1000, 100, List.of());
        assertThat(w.offer(5000)).isEqualTo(Verdict.TOO_FAR_AHEAD);
    }

    @Test
    void drainReleasesEverythingBufferedInOrder() {
        ReorderWindow w = new ReorderWindow(8, 1000, 0, List.of(3L, 1L));
        assertThat(w.drain()).containsExactly(1L, 3L);
        assertThat(w.nextSeq()).isEqualTo(4);
    }
}

package io.maskstream.operators.tracking;

import static io.maskstream.operators.tracking.Scene.det;
import static io.maskstream.operators.tracking.Scene.rect;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionNmsTest {
    @Test
    void aDetectionMostlyInsideAHigherScoringOneIsSuppressed() {
        // the small one lies entirely inside the big one: IoM 1 although IoU is small
        var big = det(rect(0, 0, 20, 20), 0.9f);
        var small = det(rect(2, 2, 6, 6), 0.8f);
        var apart = det(rect(24, 24, 30, 30), 0.6f);
        assertThat(DetectionNms.keptIndices(List.of(small, big, apart), 0.5)).containsExactly(1, 2);
    }

    @Test
    void onEqualScoresTheLowerIndexIsKept() {
        var a = det(rect(0, 0, 10, 10), 0.8f);
        var b = det(rect(1, 1, 11, 11), 0.8f);
        assertThat(DetectionNms.keptIndices(List.of(a, b), 0.5)).containsExactly(0);
    }

    @Test
    void overlapBelowTheThresholdKeepsBoth() {
        var a = det(rect(0, 0, 10, 10), 0.9f);
        var b = det(rect(6, 0, 16, 10), 0.8f); // IoM 0.4
        assertThat(DetectionNms.apply(List.of(a, b))).containsExactly(a, b);
    }

    @Test
    void detectionsOfDifferentConceptsDoNotSuppressEachOther() {
        var a = det(rect(0, 0, 10, 10), 0.9f, "cat");
        var b = det(rect(0, 0, 10, 10), 0.8f, "dog");
        assertThat(DetectionNms.apply(List.of(a, b))).containsExactly(a, b);
    }
}

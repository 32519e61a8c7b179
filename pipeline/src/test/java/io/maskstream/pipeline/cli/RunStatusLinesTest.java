package io.maskstream.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.connectors.kafka.KafkaSettings;
import java.net.URI;
import java.time.Duration;
import io.maskstream.operators.inference.InferenceOptions;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunStatusLinesTest {
    private static final String JOB = "6b3c0a5e1d2f4a7b8c9d0e1f2a3b4c5d";

    @Test
    void theStartedLineNamesJobWebUiTopicsModelsAndConcepts() {
        assertThat(RunStatusLines.started(JOB, URI.create("http://localhost:41234"),
                KafkaSettings.defaults("127.0.0.1:9092"), RunStatusLines.models(referenceKit()),
                List.of("red", "blue")))
                .isEqualTo("job " + JOB + " running | web UI http://localhost:41234 | Kafka 127.0.0.1:9092: frames + "
                        + "prompts -> masklets, dead letters -> frames-dlq | models kit reference | concepts red, blue");
    }

    private static Configuration referenceKit() {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.MODEL_KIT, "reference");
        return conf;
    }

    @Test
    void theModelsAreTheKitWhenOneIsChosen() {
        Configuration conf = new Configuration();
        conf.set(InferenceOptions.MODEL_KIT, "coco");
        conf.set(InferenceOptions.MODEL_DIR, "/ignored");
        assertThat(RunStatusLines.models(conf)).isEqualTo("kit coco");
    }

    @Test
    void theStartedLineSaysWhenThereAreNoDefaultConcepts() {
        assertThat(RunStatusLines.started(JOB, URI.create("http://127.0.0.1:8081"),
                KafkaSettings.defaults("k:9092"), "/models/sam3", List.of()))
                .endsWith("| models /models/sam3 | concepts none (send prompts)");
    }

    @Test
    void aStatusLineShowsFramesRateStreamsLagAndDeadLetters() {
        JobProgress before = new JobProgress(100, 90, 2, 5, 0, null, -1);
        JobProgress now = new JobProgress(260, 240, 3, 12, 1, null, -1);

        assertThat(RunStatusLines.status(Duration.ofSeconds(80), now, before, Duration.ofSeconds(10)))
                .isEqualTo("status 1 min 20 s | frames in 260, out 240 (15.0/s) | 3 streams | lag 12 | 1 dead letter");
    }

    @Test
    void aJobThatIsNotRunningShowsItsStateAndRestarts() {
        JobProgress restarting = new JobProgress(71, 56, 1, 108, 0, "RESTARTING", 3);

        assertThat(RunStatusLines.status(Duration.ofSeconds(39), restarting, restarting, Duration.ofSeconds(5)))
                .isEqualTo("status 39 s RESTARTING | frames in 71, out 56 (0.0/s) | 1 stream | lag 108 | 0 dead letters"
                        + " | 3 restarts");
    }

    @Test
    void theSummaryOfAJobThatRestartedSaysHowOften() {
        assertThat(RunStatusLines.summary(JOB, "FAILED", Duration.ofSeconds(42), new JobProgress(71, 56, 1, 0, 0, null, 10)))
                .isEqualTo("job " + JOB + " FAILED after 42 s | frames in 71, out 56 | 1 stream | 0 dead letters | 10 restarts");
    }

    @Test
    void anUnknownLagIsADash() {
        assertThat(RunStatusLines.status(Duration.ofSeconds(3), JobProgress.NONE, JobProgress.NONE, Duration.ofSeconds(3)))
                .isEqualTo("status 3 s | frames in 0, out 0 (0.0/s) | 0 streams | lag - | 0 dead letters");
    }

    @Test
    void theSummaryGivesStateDurationAndTotals() {
        assertThat(RunStatusLines.summary(JOB, "FINISHED", Duration.ofSeconds(7322), new JobProgress(600, 600, 1, -1, 0, null, -1)))
                .isEqualTo("job " + JOB + " FINISHED after 2 h 2 min | frames in 600, out 600 | 1 stream | 0 dead letters");
    }

    @Test
    void progressSumsJobLevelMetricsCountsStreamsAndReadsTheSourcesLag() {
        Set<String> ids = Set.of(
                "masklet-tracking.framesIn", "masklet-tracking.framesOut",
                "masklet-tracking.stream.cam-1.framesIn", "masklet-tracking.stream.cam-1.framesOut",
                "masklet-tracking.stream.cam.2.framesIn",
                "masklet-tracking.deadLetterReason.late-seq.deadLetters");
        Map<String, Double> sums = Map.of(
                "masklet-tracking.framesIn", 30.0, "masklet-tracking.framesOut", 25.0,
                "masklet-tracking.deadLetterReason.late-seq.deadLetters", 2.0);

        assertThat(JobProgress.jobLevelIds(ids)).containsExactly("masklet-tracking.deadLetterReason.late-seq.deadLetters",
                "masklet-tracking.framesIn", "masklet-tracking.framesOut");
        assertThat(JobProgress.of(ids, sums, Map.of("Source__frames.pendingRecords", 7.0)))
                .isEqualTo(new JobProgress(30, 25, 2, 7, 2, null, -1));
        assertThat(JobProgress.of(ids, sums, Map.of()).lag()).as("no lag reported yet").isEqualTo(-1);
    }

    @Test
    void accumulatorsGiveTheExactTotals() {
        assertThat(JobProgress.ofAccumulators(Map.of("framesIn", 600L, "framesOut", 598L, "streams", 2L,
                "deadLetters", 1L))).contains(new JobProgress(600, 598, 2, -1, 1, null, -1));
        assertThat(JobProgress.ofAccumulators(Map.of())).isEmpty();
    }
}

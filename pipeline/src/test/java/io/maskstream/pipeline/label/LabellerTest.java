package io.maskstream.pipeline.label;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskstream.state.record.FrameRecord;
import io.maskstream.state.record.FrameRecordKind;
import io.maskstream.state.record.MaskletFrame;
import io.maskstream.kit.reference.scene.GroundTruthObject;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.labelling.Candidates;
import io.maskstream.operators.labelling.Labeller;
import io.maskstream.operators.labelling.WeakLabel;
import io.maskstream.operators.stream.StreamProcessor;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.operators.tracking.TrackerSettings;
import io.maskstream.pipeline.config.MaskstreamConfig;
import io.maskstream.pipeline.quality.ScenarioRun;
import io.maskstream.state.geometry.Mask;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The labeller with the reference models on a synthetic scene whose ground truth is known. */
class LabellerTest {
    private static final int FRAMES = 24;
    private static ModelKit models;
    private static TrackerSettings settings;

    @BeforeAll
    static void open() {
        Configuration conf = MaskstreamConfig.load(null, List.of());
        models = io.maskstream.kit.reference.ReferenceKit.open(io.maskstream.operators.inference.InferenceOptions.settings(conf));
        settings = TrackerOptions.from(conf);
    }

    @AfterAll
    static void close() {
        models.close();
    }

    private static final SyntheticScene SCENE = Scenarios.create("crossing", SceneSettings.defaults().withFrameCount(FRAMES));

    private static List<FrameRecord> frames() {
        List<FrameRecord> r = new ArrayList<>(ScenarioRun.records(SCENE, "crossing"));
        r.removeIf(f -> f.kind() != FrameRecordKind.FRAME);
        return r;
    }

    private static Labeller.Result label(List<WeakLabel> labels) throws Exception {
        return new Labeller(new StreamProcessor(models, settings), settings, Candidates.Sampling.defaults())
                .label("crossing", frames(), labels, Labeller.DEFAULT_ROUNDS);
    }

    private static double iou(MaskletFrame f, int objectId, Mask truth) {
        return f.objects().stream().filter(o -> o.id() == objectId).findFirst()
                .map(o -> o.mask().toRle().decode().iou(truth)).orElse(0.0);
    }

    @Test
    void aLabelInTheMiddleIsPropagatedBackwardToTheStartAndForwardToTheEnd() throws Exception {
        long mid = FRAMES / 2;
        List<WeakLabel> labels = new ArrayList<>();
        for (GroundTruthObject o : SCENE.groundTruth((int) mid)) {
            labels.add(WeakLabel.box(mid, o.concept(), o.id(), o.mask().boundingBox()));
        }
        Labeller.Result r = label(labels);
        assertThat(r.frames()).hasSize(FRAMES);
        for (int t : new int[] {0, 5, (int) mid, FRAMES - 1}) {
            List<GroundTruthObject> gt = SCENE.groundTruth(t);
            for (int k = 0; k < gt.size(); k++) {
                assertThat(iou(r.frames().get(t), k + 1, gt.get(k).mask())).as("frame %d object %d", t, k + 1).isGreaterThan(0.8);
            }
        }
    }

    @Test
    void aSkeletonScribbleChoosesAMaskCoveringTheWholeObject() throws Exception {
        GroundTruthObject o = SCENE.groundTruth(0).get(0);
        WeakLabel scribble = WeakLabel.scribble(0, o.concept(), 1, WeakLabelsFromGroundTruth.scribble(o.mask()));
        Labeller.Result r = label(List.of(scribble));
        assertThat(r.choices()).hasSize(1);
        assertThat(r.choices().get(0).mask().iou(o.mask())).isGreaterThan(0.85);
    }

    @Test
    void theSameLabelsGiveTheSameOutput() throws Exception {
        GroundTruthObject o = SCENE.groundTruth(3).get(0);
        List<WeakLabel> labels = List.of(WeakLabel.points(3, o.concept(), 1,
                io.maskstream.operators.labelling.PointSampling.alongSkeleton(o.mask(), 1)));
        assertThat(label(labels).frames()).isEqualTo(label(labels).frames());
    }
}

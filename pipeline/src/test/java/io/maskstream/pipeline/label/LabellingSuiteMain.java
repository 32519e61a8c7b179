package io.maskstream.pipeline.label;

import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.operators.inference.ModelKit;
import io.maskstream.operators.tracking.TrackerOptions;
import io.maskstream.pipeline.config.MaskstreamConfig;
import org.apache.flink.configuration.Configuration;

/** Ad-hoc: one scene, type, frames. Args: scene type frames [frameCount]. */
public final class LabellingSuiteMain {
    public static void main(String[] args) throws Exception {
        Configuration conf = MaskstreamConfig.load(null, java.util.List.of());
        try (ModelKit kit = io.maskstream.kit.reference.ReferenceKit.open(io.maskstream.operators.inference.InferenceOptions.settings(conf))) {
            SyntheticScene scene = Scenarios.create(args[0], args.length > 3
                    ? SceneSettings.defaults().withFrameCount(Integer.parseInt(args[3])) : SceneSettings.defaults());
            var s = LabellingSuite.run(kit, TrackerOptions.from(conf), scene,
                    WeakLabelsFromGroundTruth.Type.valueOf(args[1]), WeakLabelsFromGroundTruth.Frames.valueOf(args[2]), 2);
            System.out.println(args[0] + " " + args[1] + " " + args[2] + " " + s);
        }
    }
}

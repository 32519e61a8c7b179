package io.maskstream.pipeline.config;

import java.util.List;

/**
 * The settings the coco kit runs real video with, in {@code demo --source} and {@code bench --kit coco}:
 * one definition, so that the bench measures the job the demo runs.
 */
public final class CocoKitPreset {
    private CocoKitPreset() {}

    /** Concepts tracked when none are given. */
    public static final String DEFAULT_CONCEPTS = "person";

    /** Configuration lines (key=value) for {@link MaskstreamConfig#load}; the concepts come on top. */
    public static final List<String> SETTINGS = List.of(
            "model.kit=coco",
            // NanoDet's scores are lower than SAM 3's: a person it is sure of scores 0.5-0.8
            "tracking.new-detection-threshold=0.5",
            // the classical tracker moves the latest memory only, so the state keeps no more frames
            // than that (a 768x576 JPEG is ~90 KB), and a person who left is let go after 5 s
            "tracking.memory-frames=2",
            "tracking.max-conditioning-frames=1",
            "tracking.max-lost-frames=50");
}

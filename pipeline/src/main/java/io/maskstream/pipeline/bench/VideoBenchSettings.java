package io.maskstream.pipeline.bench;

/**
 * What {@code maskstream bench --kit coco} runs: one stream of a real video through the coco kit, with the
 * settings the demo runs it with ({@link io.maskstream.pipeline.config.CocoKitPreset}).
 *
 * @param source a video file, URL or {@code webcam:N}, as {@code replay} and {@code demo --source} take it
 * @param frames frames to read from the start of the video, 0 = all of them
 * @param device ONNX Runtime execution provider ({@code cpu}, {@code cuda}, {@code cuda:N}, {@code auto})
 */
public record VideoBenchSettings(String source, int frames, String device) {
    public VideoBenchSettings {
        if (frames < 0) {
            throw new IllegalArgumentException("need frames >= 0 (0 = the whole video), got " + frames);
        }
    }
}

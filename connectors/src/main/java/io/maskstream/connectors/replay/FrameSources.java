package io.maskstream.connectors.replay;

import io.maskstream.connectors.scene.SceneSettings;
import io.maskstream.connectors.scene.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a source from its command-line form:
 * <ul>
 *   <li>{@code scene:NAME} — a synthetic scenario, generated on the fly; options after {@code ?}:
 *       {@code scene:crowd?frames=300&seed=7&size=640x480};
 *   <li>{@code webcam:N} — webcam N ({@code /dev/videoN});
 *   <li>{@code rtsp://}, {@code rtmp://}, {@code http://}, {@code https://}, {@code udp://},
 *       {@code srt://} URLs — live network streams;
 *   <li>a folder — its images in name order;
 *   <li>anything else — a video file.
 * </ul>
 */
public final class FrameSources {
    private FrameSources() {}

    public static FrameSource open(String spec) throws IOException {
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith("scene:")) {
            return scene(spec.substring("scene:".length()));
        }
        if (lower.startsWith("webcam:")) {
            try {
                return VideoFileSource.webcam(Integer.parseInt(spec.substring("webcam:".length()).trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("webcam source must be webcam:N, got '" + spec + "'");
            }
        }
        if (lower.matches("^(rtsp|rtsps|rtmp|http|https|udp|tcp|srt)://.*")) {
            return VideoFileSource.url(spec);
        }
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            return new ImageFolderSource(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such video file or folder: " + spec);
        }
        return VideoFileSource.file(spec);
    }

    private static FrameSource scene(String rest) {
        String name = rest;
        SceneSettings settings = SceneSettings.defaults();
        int q = rest.indexOf('?');
        if (q >= 0) {
            name = rest.substring(0, q);
            for (String kv : rest.substring(q + 1).split("&")) {
                String[] p = kv.split("=", 2);
                if (p.length != 2) {
                    throw new IllegalArgumentException("scene option must be key=value, got '" + kv + "'");
                }
                switch (p[0]) {
                    case "frames" -> settings = settings.withFrameCount(Integer.parseInt(p[1]));
                    case "seed" -> settings = settings.withSeed(Long.parseLong(p[1]));
                    case "size" -> {
                        String[] wh = p[1].toLowerCase(Locale.ROOT).split("x");
                        settings = settings.withSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
                    }
                    default -> throw new IllegalArgumentException(
                            "unknown scene option '" + p[0] + "' (frames, seed, size)");
                }
            }
        }
        return new SceneSource(Scenarios.create(name, settings));
    }
}

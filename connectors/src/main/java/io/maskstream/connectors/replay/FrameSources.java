package io.maskstream.connectors.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Opens a source from its command-line form:
 * <ul>
 *   <li>{@code SCHEME:…} of a {@link FrameSourceScheme} on the class path (the command line adds
 *       {@code scene:NAME}, a synthetic scene);
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
        FrameSource schemed = fromScheme(spec);
        if (schemed != null) {
            return schemed;
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

    /** The source of a scheme a {@link FrameSourceScheme} on the class path adds, or null. */
    private static FrameSource fromScheme(String spec) throws IOException {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String scheme = spec.substring(0, colon).toLowerCase(Locale.ROOT);
        for (FrameSourceScheme s : ServiceLoader.load(FrameSourceScheme.class, FrameSources.class.getClassLoader())) {
            if (s.scheme().equals(scheme)) {
                return s.open(spec.substring(colon + 1));
            }
        }
        return null;
    }
}

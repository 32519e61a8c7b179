package io.maskstream.pipeline.scene;

import io.maskstream.connectors.replay.FrameSource;
import io.maskstream.connectors.replay.FrameSourceScheme;
import io.maskstream.kit.reference.scene.SceneSettings;
import io.maskstream.kit.reference.scene.Scenarios;
import java.util.Locale;

/**
 * The source {@code scene:NAME}: a synthetic scenario, generated on the fly; options after {@code ?}:
 * {@code scene:crowd?frames=300&seed=7&size=640x480}.
 */
public final class SceneScheme implements FrameSourceScheme {
    @Override
    public String scheme() {
        return "scene";
    }

    @Override
    public FrameSource open(String rest) {
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

package io.maskstream.pipeline.scene;

import io.maskstream.connectors.replay.FrameSource;
import io.maskstream.kit.reference.scene.SyntheticScene;
import io.maskstream.state.image.RgbImage;

/** The frames of a synthetic scene, generated on the fly. */
public final class SceneSource implements FrameSource {
    private final SyntheticScene scene;
    private int next;

    public SceneSource(SyntheticScene scene) {
        this.scene = scene;
    }

    @Override
    public String description() {
        return "scene:" + scene.name();
    }

    @Override
    public double fps() {
        return scene.fps();
    }

    @Override
    public long frameCountHint() {
        return scene.frameCount();
    }

    @Override
    public boolean live() {
        return false;
    }

    @Override
    public RgbImage read() {
        return next < scene.frameCount() ? scene.frame(next++) : null;
    }

    @Override
    public void reopen() {
        next = 0;
    }

    @Override
    public void close() {}
}

package io.maskstream.kit.reference.scene;

/**
 * How a synthetic scene is generated.
 *
 * @param width frame width in pixels (default 320)
 * @param height frame height in pixels (default 240)
 * @param frameCount number of frames; 0 means the scenario's own default length
 * @param seed seed of every random choice; same seed, same frames
 */
public record SceneSettings(int width, int height, int frameCount, long seed) {
    public static final int DEFAULT_WIDTH = 320;
    public static final int DEFAULT_HEIGHT = 240;
    public static final long DEFAULT_SEED = 42L;
    /** Synthetic scenes always play at 30 frames per second. */
    public static final double FPS = 30.0;

    public SceneSettings {
        if (width < 64 || height < 48) {
            throw new IllegalArgumentException("a scene needs at least 64x48 pixels, got " + width + "x" + height);
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("frameCount must be >= 0: " + frameCount);
        }
    }

    /** 320×240, the scenario's default length, seed 42. */
    public static SceneSettings defaults() {
        return new SceneSettings(DEFAULT_WIDTH, DEFAULT_HEIGHT, 0, DEFAULT_SEED);
    }

    public SceneSettings withFrameCount(int frames) {
        return new SceneSettings(width, height, frames, seed);
    }

    public SceneSettings withSeed(long newSeed) {
        return new SceneSettings(width, height, frameCount, newSeed);
    }

    public SceneSettings withSize(int newWidth, int newHeight) {
        return new SceneSettings(newWidth, newHeight, frameCount, seed);
    }
}

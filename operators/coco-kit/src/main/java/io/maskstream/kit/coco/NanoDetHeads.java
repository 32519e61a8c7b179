package io.maskstream.kit.coco;

/**
 * The detector's raw outputs for one frame, per stride level (8, 16, 32): {@code scores[level]} holds
 * {@code cells × 80} class probabilities (already through the sigmoid) and {@code distances[level]} holds
 * {@code cells × 44} logits, 11 bins for each of the left, top, right and bottom edges; cells are row-major over
 * the {@code 416 / stride} square grid.
 */
public record NanoDetHeads(float[][] scores, float[][] distances) {
    /** The strides of the three levels, in input pixels. */
    public static final int[] STRIDES = {8, 16, 32};
    /** Bins per box side: distances 0..10 strides. */
    public static final int BINS = 11;
    /** Values per cell in a distance head: 4 sides × {@link #BINS}. */
    public static final int DISTANCE_CHANNELS = 4 * BINS;

    /** Cells along one side of the grid of {@code level}. */
    public static int grid(int level) {
        return NanoDetInput.SIZE / STRIDES[level];
    }

    /** Cells of {@code level}. */
    public static int cells(int level) {
        return grid(level) * grid(level);
    }

    /** Empty heads of the right sizes. */
    public static NanoDetHeads allocate() {
        float[][] scores = new float[STRIDES.length][];
        float[][] distances = new float[STRIDES.length][];
        for (int level = 0; level < STRIDES.length; level++) {
            scores[level] = new float[cells(level) * CocoClasses.count()];
            distances[level] = new float[cells(level) * DISTANCE_CHANNELS];
        }
        return new NanoDetHeads(scores, distances);
    }
}

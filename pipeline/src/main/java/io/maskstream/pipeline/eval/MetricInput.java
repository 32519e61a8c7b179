package io.maskstream.pipeline.eval;

import io.maskstream.state.geometry.Rle;

/**
 * What the metrics see of one sequence after preprocessing, in TrackEval's layout: per frame the
 * contiguous gt and tracker id indices and the gt × tracker similarity matrix; masks (when similarity
 * is mask IoU) for J&F.
 *
 * @param gtIds per frame, contiguous gt id index (0..numGtIds−1) of each gt row
 * @param trackerIds per frame, contiguous tracker id index of each tracker column
 * @param similarity per frame, [gt row][tracker column] similarity in [0, 1]
 * @param gtMasks per frame, the mask of each gt row, or null when similarity is box IoU
 * @param trackerMasks per frame, the mask of each tracker column, or null
 */
public record MetricInput(
        int numGtIds,
        int numTrackerIds,
        int[][] gtIds,
        int[][] trackerIds,
        double[][][] similarity,
        Rle[][] gtMasks,
        Rle[][] trackerMasks) {

    public MetricInput {
        if (gtIds.length != trackerIds.length || gtIds.length != similarity.length) {
            throw new IllegalArgumentException("per-frame arrays differ in length");
        }
    }

    /** Without masks: for box similarity or hand-built similarity matrices. */
    public static MetricInput of(int numGtIds, int numTrackerIds, int[][] gtIds, int[][] trackerIds, double[][][] similarity) {
        return new MetricInput(numGtIds, numTrackerIds, gtIds, trackerIds, similarity, null, null);
    }

    public int numTimesteps() {
        return gtIds.length;
    }

    public int numGtDets() {
        int n = 0;
        for (int[] ids : gtIds) {
            n += ids.length;
        }
        return n;
    }

    public int numTrackerDets() {
        int n = 0;
        for (int[] ids : trackerIds) {
            n += ids.length;
        }
        return n;
    }

    public boolean hasMasks() {
        return gtMasks != null && trackerMasks != null;
    }
}

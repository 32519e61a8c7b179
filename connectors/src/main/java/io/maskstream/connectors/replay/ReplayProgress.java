package io.maskstream.connectors.replay;

/** Told about a replay's progress; called from the replaying thread. */
public interface ReplayProgress {
    ReplayProgress NONE = new ReplayProgress() {};

    default void frameSent(String streamId, long frames, long acked) {}

    default void epochStarted(String streamId, int epoch, String reason) {}

    default void finished(ReplayResult result) {}
}

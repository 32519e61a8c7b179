package io.maskstream.connectors.kafka;

/** Where the sources start reading when the job starts without a checkpoint. */
public enum StartingOffsets {
    /** The beginning of every partition. */
    EARLIEST,
    /** The end of every partition: only records written after the job started. */
    LATEST,
    /** The consumer group's committed offsets; the beginning where the group has none. */
    COMMITTED
}

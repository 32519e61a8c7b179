package io.maskstream.connectors.kafka;

import java.util.Locale;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * How the job's Kafka sinks deliver: the trade between the latency a consumer sees and duplicates
 * after a recovery. Written in configuration as {@code exactly-once} / {@code at-least-once}.
 */
public enum DeliveryMode {
    /**
     * Kafka transactions committed when a checkpoint completes: no duplicates after a recovery, and a
     * {@code read_committed} consumer sees a record only at the commit (up to one checkpoint interval plus
     * the checkpoint's own duration after it was written).
     */
    EXACTLY_ONCE(DeliveryGuarantee.EXACTLY_ONCE),
    /**
     * Records are visible to every consumer as soon as the broker has them; a checkpoint waits for their
     * acknowledgements, and a recovery writes again what followed the last checkpoint (duplicates).
     */
    AT_LEAST_ONCE(DeliveryGuarantee.AT_LEAST_ONCE);

    private final DeliveryGuarantee guarantee;

    DeliveryMode(DeliveryGuarantee guarantee) {
        this.guarantee = guarantee;
    }

    /** Flink's Kafka sink setting for this mode. */
    public DeliveryGuarantee guarantee() {
        return guarantee;
    }

    /** The configuration value: {@code exactly-once}, {@code at-least-once} (Flink parses enums by it). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

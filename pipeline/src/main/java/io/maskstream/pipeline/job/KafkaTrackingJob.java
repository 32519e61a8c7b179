package io.maskstream.pipeline.job;

import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.MaskletFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/**
 * The production wiring: Kafka sources, the Kafka sinks in the configured delivery mode plus the optional
 * at-least-once live copy of the masklets ({@link TrackingJob} adds the optional files).
 */
public final class KafkaTrackingJob {
    private KafkaTrackingJob() {}

    public static TrackingJob create(Configuration config) {
        return create(config, List.of());
    }

    /** The production wiring with {@code besides} chained to the tracking operator as further masklet sinks. */
    public static TrackingJob create(Configuration config, List<Sink<MaskletFrame>> besides) {
        KafkaSettings kafka = KafkaSettings.from(config);
        List<Sink<MaskletFrame>> sinks = new ArrayList<>();
        sinks.add(MaskstreamKafka.maskletSink(kafka));
        KafkaSink<MaskletFrame> live = MaskstreamKafka.maskletLiveSink(kafka);
        if (live != null) {
            sinks.add(live);
        }
        sinks.addAll(besides);
        return new TrackingJob(
                MaskstreamKafka.frameSource(kafka),
                MaskstreamKafka.promptSource(kafka),
                sinks,
                MaskstreamKafka.deadLetterSink(kafka),
                config);
    }
}

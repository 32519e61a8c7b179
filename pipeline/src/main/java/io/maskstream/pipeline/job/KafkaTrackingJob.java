package io.maskstream.pipeline.job;

import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.state.record.MaskletFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;

/** The production wiring: Kafka sources and exactly-once Kafka sinks ({@link TrackingJob} adds the optional files). */
public final class KafkaTrackingJob {
    private KafkaTrackingJob() {}

    public static TrackingJob create(Configuration config) {
        KafkaSettings kafka = KafkaSettings.from(config);
        List<Sink<MaskletFrame>> sinks = new ArrayList<>();
        sinks.add(MaskstreamKafka.maskletSink(kafka));
        return new TrackingJob(
                MaskstreamKafka.frameSource(kafka),
                MaskstreamKafka.promptSource(kafka),
                sinks,
                MaskstreamKafka.deadLetterSink(kafka),
                config);
    }
}

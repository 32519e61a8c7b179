package io.maskstream.pipeline.job;

import io.maskstream.connectors.kafka.KafkaSettings;
import io.maskstream.connectors.kafka.MaskstreamKafka;
import io.maskstream.connectors.record.MaskletFrame;
import io.maskstream.connectors.record.MaskletFrameJson;
import io.maskstream.pipeline.config.JobOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;

/** The production wiring: Kafka sources and exactly-once Kafka sinks, plus the optional JSON-lines files. */
public final class KafkaTrackingJob {
    private KafkaTrackingJob() {}

    public static TrackingJob create(Configuration config) {
        KafkaSettings kafka = KafkaSettings.from(config);
        List<Sink<MaskletFrame>> sinks = new ArrayList<>();
        sinks.add(MaskstreamKafka.maskletSink(kafka));
        String outputDir = config.get(JobOptions.OUTPUT_FILE);
        if (outputDir != null) {
            sinks.add(jsonLinesFileSink(outputDir));
        }
        return new TrackingJob(
                MaskstreamKafka.frameSource(kafka),
                MaskstreamKafka.promptSource(kafka),
                sinks,
                MaskstreamKafka.deadLetterSink(kafka),
                config);
    }

    /** Masklet frames as JSON lines; part files are committed on checkpoints (exactly-once). */
    static FileSink<MaskletFrame> jsonLinesFileSink(String dir) {
        Encoder<MaskletFrame> encoder = (frame, stream) -> {
            stream.write(MaskletFrameJson.toJson(frame));
            stream.write('\n');
        };
        return FileSink.forRowFormat(new Path(dir), encoder).build();
    }
}

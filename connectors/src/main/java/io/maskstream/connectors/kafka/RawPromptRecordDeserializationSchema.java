package io.maskstream.connectors.kafka;

import io.maskstream.state.record.RawPromptRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the prompts topic without decoding; see {@link RawFrameRecordDeserializationSchema}. */
public final class RawPromptRecordDeserializationSchema implements KafkaRecordDeserializationSchema<RawPromptRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawPromptRecord> out) {
        out.collect(new RawPromptRecord(
                record.key(), record.value(), record.topic(), record.partition(), record.offset(), record.timestamp()));
    }

    @Override
    public TypeInformation<RawPromptRecord> getProducedType() {
        return TypeInformation.of(RawPromptRecord.class);
    }
}

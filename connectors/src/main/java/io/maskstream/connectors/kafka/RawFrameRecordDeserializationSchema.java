package io.maskstream.connectors.kafka;

import io.maskstream.state.record.RawFrameRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the frames topic without decoding: every Kafka record becomes a {@link RawFrameRecord}
 * (even a tombstone or garbage), so that rejection and dead-lettering happen in one place
 * downstream (in the job's keyed tracking function) with the record's origin at hand.
 */
public final class RawFrameRecordDeserializationSchema implements KafkaRecordDeserializationSchema<RawFrameRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawFrameRecord> out) {
        out.collect(new RawFrameRecord(
                record.key(), record.value(), record.topic(), record.partition(), record.offset(), record.timestamp()));
    }

    @Override
    public TypeInformation<RawFrameRecord> getProducedType() {
        return TypeInformation.of(RawFrameRecord.class);
    }
}

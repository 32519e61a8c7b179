package io.maskstream.pipeline.job;

import io.maskstream.state.record.MaskletFrame;
import io.maskstream.state.record.MaskletFrameJson;
import io.maskstream.connectors.results.MaskletFiles;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.apache.flink.streaming.api.functions.sink.filesystem.RollingPolicy;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.types.Either;

/**
 * The {@code job.output-file} sink: masklet frames as JSON lines in one directory per stream
 * ({@link MaskletFiles}). Its input is the masklet frames (left) and the ids of streams that ended
 * (right; they write nothing). A stream's part file is finished at the first checkpoint after its end
 * of stream, else when older than the rollover or larger than {@link #MAX_PART_BYTES}. Files are
 * committed on checkpoints (in progress, pending, finished), so the output stays exactly-once.
 */
final class MaskletFileSink {
    static final long MAX_PART_BYTES = 128L << 20;

    private MaskletFileSink() {}

    static FileSink<Either<MaskletFrame, String>> create(String dir, Duration rollover) {
        Encoder<Either<MaskletFrame, String>> encoder = (element, stream) -> {
            if (element.isLeft()) {
                stream.write(MaskletFrameJson.toJson(element.left()));
                stream.write('\n');
            }
        };
        // One object as both bucket assigner and rolling policy: it sees every element (even when the
        // bucket has no open part file) and the FileSink's writer keeps it as one instance.
        StreamPartFiles parts = new StreamPartFiles(rollover.toMillis());
        return FileSink.forRowFormat(new Path(dir), encoder)
                .withBucketAssigner(parts)
                .withRollingPolicy(parts)
                .withOutputFileConfig(OutputFileConfig.builder()
                        .withPartPrefix(MaskletFiles.PART_PREFIX)
                        .withPartSuffix(MaskletFiles.PART_SUFFIX)
                        .build())
                .build();
    }

    /**
     * One bucket (directory) per stream id; a stream's part file rolls at the first checkpoint after
     * the stream ended. The ended streams are noted as elements arrive, not kept in state: after a
     * recovery the job replays the end of stream from the last checkpoint and the note is made again.
     * A checkpoint barrier follows every frame emitted before it (aligned checkpoints), so the rolled
     * file holds all of the stream's frames.
     */
    static final class StreamPartFiles
            implements BucketAssigner<Either<MaskletFrame, String>, String>,
                    RollingPolicy<Either<MaskletFrame, String>, String> {
        private static final long serialVersionUID = 1L;

        private final long rolloverMs;
        private transient Set<String> ended;

        StreamPartFiles(long rolloverMs) {
            this.rolloverMs = rolloverMs;
        }

        private Set<String> ended() {
            if (ended == null) {
                ended = new HashSet<>();
            }
            return ended;
        }

        @Override
        public String getBucketId(Either<MaskletFrame, String> element, Context context) {
            if (element.isRight()) {
                String bucket = MaskletFiles.directoryName(element.right());
                ended().add(bucket);
                return bucket;
            }
            return MaskletFiles.directoryName(element.left().streamId());
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }

        @Override
        public boolean shouldRollOnEvent(PartFileInfo<String> part, Either<MaskletFrame, String> element)
                throws IOException {
            return element.isLeft() && part.getSize() > MAX_PART_BYTES;
        }

        @Override
        public boolean shouldRollOnCheckpoint(PartFileInfo<String> part) throws IOException {
            return ended().remove(part.getBucketId()) || part.getSize() > MAX_PART_BYTES;
        }

        @Override
        public boolean shouldRollOnProcessingTime(PartFileInfo<String> part, long now) {
            return now - part.getCreationTime() >= rolloverMs;
        }
    }
}

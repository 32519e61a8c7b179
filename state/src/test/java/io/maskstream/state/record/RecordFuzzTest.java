package io.maskstream.state.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded random mutations of valid records: the decoders either accept or give a typed rejection. */
class RecordFuzzTest {
    private static final int ITERATIONS = 5000;

    @Test
    void frameDecoderOnlyEverRejectsWithAReason() {
        FrameRecordCodec codec = new FrameRecordCodec(new FrameRecordLimits(1 << 20, 1L << 22));
        List<byte[]> seeds = List.of(
                FrameRecordCodec.encode(FrameRecordCodecTest.jpegFrame()),
                FrameRecordCodecTest.rawFrameBytes(),
                FrameRecordCodec.encode(FrameRecord.marker(FrameRecordKind.END_OF_STREAM, "stream-ü", 3, 1, 2)));
        SplittableRandom r = new SplittableRandom(20261122L);
        Set<RejectReason> seen = EnumSet.noneOf(RejectReason.class);
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds.get(r.nextInt(seeds.size())), r);
            try {
                FrameRecord decoded = codec.decode(input);
                assertThat(FrameRecordCodec.encode(decoded)).as("accepted records re-encode to their bytes").isEqualTo(input);
                accepted++;
            } catch (RecordRejectedException e) {
                seen.add(e.reason());
            } catch (Throwable t) {
                fail("iteration " + i + ": " + t + " on " + Arrays.toString(input), t);
            }
        }
        assertThat(seen).as("the mutations reach most checks").hasSizeGreaterThanOrEqualTo(8);
        assertThat(accepted).isPositive();
    }

    @Test
    void promptDecoderOnlyEverRejectsWithBadPrompt() {
        List<byte[]> seeds = PromptCommandJsonTest.onePerAction().stream().map(PromptCommandJson::encode).toList();
        byte[] tokens = "{}[],:\"0123456789.-eE truefalsnul\\u".getBytes(StandardCharsets.UTF_8);
        SplittableRandom r = new SplittableRandom(11L);
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds.get(r.nextInt(seeds.size())), r);
            if (r.nextBoolean()) {
                // JSON-shaped noise reaches deeper than random bytes.
                for (int k = 0; k < 3; k++) {
                    if (input.length > 0) {
                        input[r.nextInt(input.length)] = tokens[r.nextInt(tokens.length)];
                    }
                }
            }
            try {
                PromptCommandJson.decode(input);
                accepted++;
            } catch (RecordRejectedException e) {
                assertThat(e.reason()).isEqualTo(RejectReason.BAD_PROMPT);
            } catch (Throwable t) {
                fail("iteration " + i + ": " + t + " on " + new String(input, StandardCharsets.UTF_8), t);
            }
        }
        assertThat(accepted).isPositive();
    }

    private static byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] b = seed.clone();
        int mutations = 1 + r.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            switch (r.nextInt(7)) {
                case 0 -> { // flip a bit
                    if (b.length > 0) {
                        int i = r.nextInt(b.length);
                        b[i] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> { // random byte
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                }
                case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncate
                case 3 -> { // append garbage
                    int n = 1 + r.nextInt(16);
                    byte[] longer = Arrays.copyOf(b, b.length + n);
                    for (int i = b.length; i < longer.length; i++) {
                        longer[i] = (byte) r.nextInt(256);
                    }
                    b = longer;
                }
                case 4 -> { // an extreme int at an aligned-ish position
                    if (b.length >= 4) {
                        int[] extremes = {0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 65536, 3840};
                        ByteBuffer.wrap(b).putInt(r.nextInt(b.length - 3), extremes[r.nextInt(extremes.length)]);
                    }
                }
                case 5 -> { // delete a byte
                    if (b.length > 0) {
                        int i = r.nextInt(b.length);
                        byte[] shorter = new byte[b.length - 1];
                        System.arraycopy(b, 0, shorter, 0, i);
                        System.arraycopy(b, i + 1, shorter, i, b.length - i - 1);
                        b = shorter;
                    }
                }
                default -> { // duplicate a slice
                    if (b.length > 1) {
                        int from = r.nextInt(b.length), len = 1 + r.nextInt(Math.min(8, b.length - from));
                        byte[] longer = new byte[b.length + len];
                        System.arraycopy(b, 0, longer, 0, from + len);
                        System.arraycopy(b, from, longer, from + len, b.length - from);
                        b = longer;
                    }
                }
            }
        }
        return b;
    }
}

package io.maskstream.state.geometry.serialization;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Unsigned LEB128 varints: 7 bits a byte, low bits first; small run lengths take one byte. */
final class Varints {
    private Varints() {}

    static void write(int value, DataOutputView out) throws IOException {
        if (value < 0) {
            throw new IOException("varint must not be negative: " + value);
        }
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    static int read(DataInputView in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0 || (shift == 28 && (b & 0x70) != 0)) {
                    throw new IOException("varint overflows an int");
                }
                return value;
            }
        }
        throw new IOException("varint longer than 5 bytes");
    }

    /** Copies one varint without decoding it. */
    static int copy(DataInputView in, DataOutputView out) throws IOException {
        int v = read(in);
        write(v, out);
        return v;
    }
}

package io.maskstream.state.geometry;

/** A COCO RLE that cannot describe a mask of the stated size. */
public final class InvalidRleException extends IllegalArgumentException {
    public InvalidRleException(String message) {
        super(message);
    }
}

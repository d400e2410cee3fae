package dev.yolojava.core.spi;

import java.nio.FloatBuffer;

/**
 * A model output, row-major. The buffer belongs to the backend and is valid until its next call.
 *
 * @param data  the values; index 0 is element {@code [0, 0, 0]}
 * @param shape the shape, batch first
 */
public record OutputTensor(FloatBuffer data, long[] shape) {
}

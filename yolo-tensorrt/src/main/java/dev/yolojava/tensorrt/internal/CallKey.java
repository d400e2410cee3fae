package dev.yolojava.tensorrt.internal;

import dev.yolojava.core.image.DeviceImage;
import dev.yolojava.core.image.Frame;
import dev.yolojava.core.image.RawImage;
import dev.yolojava.core.preprocess.Letterbox;

import java.util.ArrayList;
import java.util.List;

/**
 * What makes two calls' stream work the same, so that the second replays the first's captured CUDA graph: the
 * chunk's place and size, decode mode, and per frame its geometry, letterbox, staging offset and where it is read
 * from. Plain Java, tested on the CPU.
 */
final class CallKey {
    private CallKey() {
    }

    /** How a frame reaches the letterbox kernel's input. */
    enum Source {
        /** host memory of the caller's: copied into the slot's pinned staging, then uploaded */
        STAGED,
        /** pinned host memory of this session's (a decode buffer): uploaded from where it is */
        PINNED,
        /** already in device memory: read where it is */
        DEVICE
    }

    /**
     * @return what makes the stream work of the chunk starting at image {@code first} the same as a
     *         previous call's: its place and size, decode mode, and per frame the geometry, letterbox,
     *         staging offset and where it is read from
     */
    static Object of(int first, int count, boolean post, boolean gpuFrames, List<? extends Frame> frames,
                     List<Letterbox> boxes, long[] offsets, Source[] sources, long stagingAddress) {
        List<Object> key = new ArrayList<>();
        key.add(first);
        key.add(count);
        key.add(post);
        key.add(gpuFrames);
        if (gpuFrames) {
            key.add(stagingAddress);
            for (int k = 0; k < count; k++) {
                Frame f = frames.get(first + k);
                Source src = sources[first + k];
                // frames read where they are (device, pinned) are captured at their address
                long at = src == Source.DEVICE ? ((DeviceImage) f).address()
                        : src == Source.PINNED ? Cuda.address(((RawImage) f).pixels()) : -1;
                long chroma = src == Source.DEVICE ? ((DeviceImage) f).chromaAddress() : 0; // NV12's second plane
                key.add(List.of(f.width(), f.height(), f.stride(), f.format(), offsets[k], boxes.get(first + k), src, at,
                        chroma, src == Source.DEVICE ? String.valueOf(((DeviceImage) f).colors()) : ""));
            }
        }
        return key;
    }
}

package dev.yolojava.tensorrt;

import org.bytedeco.cuda.cupti.CUpti_BuffersCallbackRequestFunc;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** CUPTI activity buffers for the GPU probes: 8-byte aligned, handed out on request, freed when given back. */
final class CuptiProbeBuffers extends CUpti_BuffersCallbackRequestFunc {
    private final long bytes;
    private final Map<Long, BytePointer> held = new ConcurrentHashMap<>();

    /** @param bytes each buffer's size */
    CuptiProbeBuffers(long bytes) {
        this.bytes = bytes;
    }

    @Override
    public void call(PointerPointer buffer, SizeTPointer size, SizeTPointer maxNumRecords) {
        BytePointer b = new BytePointer(bytes + 8);
        long misalign = b.address() % 8;
        BytePointer aligned = misalign == 0 ? b : new BytePointer(b).position(8 - misalign);
        held.put(aligned.address() + aligned.position(), b);
        buffer.put(0, aligned);
        size.put(bytes);
        maxNumRecords.put(0L);
    }

    /** @param buffer a buffer CUPTI completed: freed */
    void release(BytePointer buffer) {
        BytePointer owned = held.remove(buffer.address() + buffer.position());
        if (owned != null) {
            owned.deallocate();
        }
    }
}

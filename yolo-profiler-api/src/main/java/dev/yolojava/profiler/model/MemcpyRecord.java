package dev.yolojava.profiler.model;

/**
 * One memory copy (CUPTI memcpy activity).
 *
 * @param kind          direction
 * @param bytes         bytes copied
 * @param srcPinned     source is page-locked host memory (false: pageable, or device)
 * @param dstPinned     destination is page-locked host memory
 * @param srcKind       CUPTI memory kind of the source, as text ("PINNED", "PAGEABLE", "DEVICE"...)
 * @param dstKind       CUPTI memory kind of the destination
 * @param startNs       start
 * @param endNs         end
 * @param deviceId      device
 * @param streamId      stream
 * @param correlationId CUPTI correlation id
 */
public record MemcpyRecord(MemcpyKind kind, long bytes, boolean srcPinned, boolean dstPinned, String srcKind,
                           String dstKind, long startNs, long endNs, int deviceId, int streamId, long correlationId) implements ActivityRecord {
    /** @return duration in ns */
    public long durationNs() {
        return endNs - startNs;
    }

    /** @return achieved bandwidth in GB/s (10^9 bytes per second); 0 for a zero-length record */
    public double gigabytesPerSecond() {
        long d = durationNs();
        return d <= 0 ? 0 : (double) bytes / d;
    }

    /** Copy directions. */
    public enum MemcpyKind {
        /** host to device */
        HTOD,
        /** device to host */
        DTOH,
        /** device to device */
        DTOD,
        /** host to host */
        HTOH,
        /** peer to peer */
        PTOP,
        /** anything else */
        OTHER;

        /** @return the short label used in traces: "H2D", "D2H"... */
        public String label() {
            return switch (this) {
                case HTOD -> "H2D";
                case DTOH -> "D2H";
                case DTOD -> "D2D";
                case HTOH -> "H2H";
                case PTOP -> "P2P";
                case OTHER -> "copy";
            };
        }
    }
}

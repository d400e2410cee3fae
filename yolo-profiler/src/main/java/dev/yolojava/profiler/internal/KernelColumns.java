package dev.yolojava.profiler.internal;

import dev.yolojava.profiler.model.KernelRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernel records stored as columns (one primitive array per field, in chunks of {@value #CHUNK} rows allocated as
 * they fill), so collecting a kernel creates no Java object: a kernel window at batch 1 sees ~124 kernels a call,
 * most of the records CUPTI delivers. Names are kept once each and referred to by number. Records are built only
 * when a capture is exported ({@link #toRecords()}), on the exporting thread. Written by one thread (CUPTI's parsing
 * thread) and read by another, under this object's lock, which the writer holds alone almost always.
 */
final class KernelColumns {
    /** Rows per chunk. */
    static final int CHUNK = 4096;
    private static final int LONGS = 3; // start, end, correlation
    private static final int INTS = 12; // device, stream, grid xyz, block xyz, registers, static/dynamic shared, name

    private final List<long[]> longs = new ArrayList<>();
    private final List<int[]> ints = new ArrayList<>();
    private final List<boolean[]> graphs = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> nameIds = new HashMap<>();
    private int size;

    /** Appends one kernel; the arguments are {@link KernelRecord}'s components, in order. */
    synchronized void add(String name, long startNs, long endNs, int deviceId, int streamId, long correlationId,
                          int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                          int registersPerThread, int staticSharedBytes, int dynamicSharedBytes, boolean graphLaunched) {
        int chunk = size / CHUNK;
        int row = size % CHUNK;
        if (row == 0 && chunk == longs.size()) {
            longs.add(new long[CHUNK * LONGS]);
            ints.add(new int[CHUNK * INTS]);
            graphs.add(new boolean[CHUNK]);
        }
        long[] l = longs.get(chunk);
        int lo = row * LONGS;
        l[lo] = startNs;
        l[lo + 1] = endNs;
        l[lo + 2] = correlationId;
        int[] i = ints.get(chunk);
        int io = row * INTS;
        i[io] = deviceId;
        i[io + 1] = streamId;
        i[io + 2] = gridX;
        i[io + 3] = gridY;
        i[io + 4] = gridZ;
        i[io + 5] = blockX;
        i[io + 6] = blockY;
        i[io + 7] = blockZ;
        i[io + 8] = registersPerThread;
        i[io + 9] = staticSharedBytes;
        i[io + 10] = dynamicSharedBytes;
        i[io + 11] = nameId(name);
        graphs.get(chunk)[row] = graphLaunched;
        size++;
    }

    private int nameId(String name) {
        Integer id = nameIds.get(name);
        if (id == null) {
            id = names.size();
            names.add(name);
            nameIds.put(name, id);
        }
        return id;
    }

    /** @return kernels stored */
    synchronized int size() {
        return size;
    }

    /** @return chunks allocated (each {@value #CHUNK} rows), for tests */
    synchronized int chunks() {
        return longs.size();
    }

    /** @return every kernel stored, in order, as records (made now) */
    synchronized List<KernelRecord> toRecords() {
        List<KernelRecord> out = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            long[] l = longs.get(k / CHUNK);
            int[] i = ints.get(k / CHUNK);
            int lo = (k % CHUNK) * LONGS;
            int io = (k % CHUNK) * INTS;
            out.add(new KernelRecord(names.get(i[io + 11]), l[lo], l[lo + 1], i[io], i[io + 1], l[lo + 2], i[io + 2],
                    i[io + 3], i[io + 4], i[io + 5], i[io + 6], i[io + 7], i[io + 8], i[io + 9], i[io + 10],
                    graphs.get(k / CHUNK)[k % CHUNK]));
        }
        return out;
    }
}

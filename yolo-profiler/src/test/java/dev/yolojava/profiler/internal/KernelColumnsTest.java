package dev.yolojava.profiler.internal;

import dev.yolojava.profiler.model.KernelRecord;
import dev.yolojava.profiler.model.ProfileData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KernelColumnsTest {

    static KernelRecord kernel(int i) {
        return new KernelRecord(i % 3 == 0 ? "sm90_xmma_gemm" : "yolo_letterbox", 1_000L * i, 1_000L * i + 700 + i,
                i % 2, 7 + i % 5, 100_000L + i, i % 11 + 1, 2, 3, 128, i % 4 + 1, 1, 32 + i % 7, 1024 * (i % 3),
                i * 16, i % 2 == 0);
    }

    static void add(KernelColumns c, KernelRecord k) {
        c.add(k.name(), k.startNs(), k.endNs(), k.deviceId(), k.streamId(), k.correlationId(), k.gridX(), k.gridY(),
                k.gridZ(), k.blockX(), k.blockY(), k.blockZ(), k.registersPerThread(), k.staticSharedBytes(),
                k.dynamicSharedBytes(), k.graphLaunched());
    }

    @Test
    void kernelsComeBackAsTheRecordsTheyWereAcrossChunkBoundaries() {
        KernelColumns c = new KernelColumns();
        List<KernelRecord> in = new ArrayList<>();
        int n = 2 * KernelColumns.CHUNK + 17;
        for (int i = 0; i < n; i++) {
            in.add(kernel(i));
            add(c, in.get(i));
        }
        assertThat(c.size()).isEqualTo(n);
        assertThat(c.chunks()).as("chunks of %d rows, allocated as they fill", KernelColumns.CHUNK).isEqualTo(3);
        List<KernelRecord> out = c.toRecords();
        assertThat(out).isEqualTo(in);
        assertThat(out.get(0).name()).as("one String per name").isSameAs(out.get(3).name());
    }

    @Test
    void aCaptureKeepsKernelsInColumnsWithinItsBoundAndCountsTheRestAsDropped() {
        Capture cap = new Capture(5);
        for (int i = 0; i < 4; i++) {
            KernelRecord k = kernel(i);
            if (i % 2 == 0) { // the parser's primitive path and the record path land in the same columns
                cap.kernel(k.name(), k.startNs(), k.endNs(), k.deviceId(), k.streamId(), k.correlationId(), k.gridX(),
                        k.gridY(), k.gridZ(), k.blockX(), k.blockY(), k.blockZ(), k.registersPerThread(),
                        k.staticSharedBytes(), k.dynamicSharedBytes(), k.graphLaunched());
            } else {
                cap.record(k);
            }
        }
        cap.record(new dev.yolojava.profiler.model.CorrelationRecord(1, 2));
        cap.record(kernel(9));
        cap.kernel("late", 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, false);
        ProfileData d = cap.snapshot("t", 0, 10, List.of(), true);
        assertThat(d.kernels()).containsExactly(kernel(0), kernel(1), kernel(2), kernel(3));
        assertThat(d.correlations()).hasSize(1);
        assertThat(d.droppedRecords()).isEqualTo(2);
    }
}

package dev.yolojava.tensorrt.internal;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelArgsTest {
    @Test
    void eachArgumentsValueSitsWhereItsEntryInTheAddressArrayPoints() {
        KernelArgs args = new KernelArgs();
        Pointer device = Cuda.at(0x7f0000001000L).position(16);
        PointerPointer<Pointer> params = args.pack("k", 7, -3, 1.5f, 0x1234_5678_9abcL, device, 0L);

        assertThat(new IntPointer(params.get(0)).get()).isEqualTo(7);
        assertThat(new IntPointer(params.get(1)).get()).isEqualTo(-3);
        assertThat(new FloatPointer(params.get(2)).get()).isEqualTo(1.5f);
        assertThat(new LongPointer(params.get(3)).get()).isEqualTo(0x1234_5678_9abcL);
        assertThat(new LongPointer(params.get(4)).get()).as("a pointer's address, position included").isEqualTo(0x7f0000001010L);
        assertThat(new LongPointer(params.get(5)).get()).isZero();
        for (int i = 1; i < 6; i++) {
            assertThat(params.get(i).address() - params.get(i - 1).address()).as("slot %d", i).isEqualTo(8);
        }
    }

    @Test
    void aTypedPointersPositionCountsItsElements() {
        KernelArgs args = new KernelArgs();
        Pointer floats = new FloatPointer(Cuda.at(0x7f0000002000L)).position(3);
        Pointer bytes = new org.bytedeco.javacpp.BytePointer(Cuda.at(0x7f0000002000L)).position(3);
        PointerPointer<Pointer> params = args.pack("k", floats, bytes);

        assertThat(new LongPointer(params.get(0)).get()).as("3 floats on").isEqualTo(0x7f000000200cL);
        assertThat(new LongPointer(params.get(1)).get()).as("3 bytes on").isEqualTo(0x7f0000002003L);
    }

    @Test
    void aSecondPackReusesTheBlockAndLeavesNoStaleHighBytes() {
        KernelArgs args = new KernelArgs();
        PointerPointer<Pointer> first = args.pack("k", -1L, 2.0f);
        long slot0 = first.get(0).address();
        PointerPointer<Pointer> second = args.pack("k", 5, 3);

        assertThat(second.address()).isEqualTo(first.address());
        assertThat(second.get(0).address()).isEqualTo(slot0);
        assertThat(new LongPointer(second.get(0)).get()).as("an int over a former -1L").isEqualTo(5L);
        assertThat(new IntPointer(second.get(1)).get()).isEqualTo(3);
    }

    @Test
    void eachThreadPacksIntoABlockOfItsOwn() throws Exception {
        KernelArgs mine = KernelArgs.forThisThread();
        KernelArgs other = CompletableFuture.supplyAsync(KernelArgs::forThisThread).get();

        assertThat(KernelArgs.forThisThread()).isSameAs(mine);
        assertThat(other).isNotSameAs(mine);
    }

    @Test
    void anUnsupportedArgumentOrTooManyAreRefusedNamingTheKernel() {
        KernelArgs args = new KernelArgs();

        assertThatThrownBy(() -> args.pack("yolo_nms", 1, "two"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yolo_nms argument 1").hasMessageContaining("got String");
        assertThatThrownBy(() -> args.pack("yolo_nms", new Object[KernelArgs.MAX_ARGS + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yolo_nms: expected at most " + KernelArgs.MAX_ARGS + " arguments, got " + (KernelArgs.MAX_ARGS + 1));
    }
}

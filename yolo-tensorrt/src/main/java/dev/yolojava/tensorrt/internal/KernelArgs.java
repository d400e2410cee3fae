package dev.yolojava.tensorrt.internal;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The argument block of a kernel launch, reused by one thread from launch to launch: each argument's value in an
 * 8-byte slot of a direct buffer, and the array of the slots' addresses that {@code cuLaunchKernel} reads (the driver
 * copies the values during the call, so the block is free again when the call returns).
 *
 * <p>Nothing is allocated per launch. Launches used to allocate a JavaCPP pointer per argument, and every JavaCPP
 * allocation takes one process-wide lock and reads {@code /proc/self/statm} under it: with two GPUs' NVDEC frames in
 * one JVM the launching threads queued there (tenth session, JFR: 78.8 s of waits over 1 ms in one 9 s run of 64
 * streams, 8 ms with 32 streams on one GPU). The buffers are the JVM's, freed with this object.
 */
final class KernelArgs {
    /** The most arguments one launch takes. */
    static final int MAX_ARGS = 32;
    private static final ThreadLocal<KernelArgs> PER_THREAD = ThreadLocal.withInitial(KernelArgs::new);

    private final ByteBuffer values = ByteBuffer.allocateDirect(8 * MAX_ARGS).order(ByteOrder.nativeOrder());
    private final ByteBuffer addresses = ByteBuffer.allocateDirect(8 * MAX_ARGS).order(ByteOrder.nativeOrder());
    private final PointerPointer<Pointer> params;

    KernelArgs() {
        long base = Cuda.address(values); // wraps the buffer: no JavaCPP allocation
        for (int i = 0; i < MAX_ARGS; i++) {
            addresses.putLong(8 * i, base + 8L * i);
        }
        params = new PointerPointer<>(new Pointer(addresses));
    }

    /** @return the calling thread's block */
    static KernelArgs forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Writes the arguments into their slots.
     *
     * @param kernel the kernel's name, for errors
     * @param args   in order: {@link Integer} (int), {@link Float} (float), {@link Pointer} (a device address,
     *               position included, in elements of its type) or {@link Long} (an address; 0 = null)
     * @return the array of the arguments' addresses, for {@code cuLaunchKernel}; valid until this thread packs again
     * @throws IllegalArgumentException naming the kernel and argument for an unsupported type or too many arguments
     */
    PointerPointer<Pointer> pack(String kernel, Object... args) {
        if (args.length > MAX_ARGS) {
            throw new IllegalArgumentException(kernel + ": expected at most " + MAX_ARGS + " arguments, got " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            int at = 8 * i;
            Object a = args[i];
            values.putLong(at, 0L);
            if (a instanceof Integer x) {
                values.putInt(at, x);
            } else if (a instanceof Float x) {
                values.putFloat(at, x);
            } else if (a instanceof Long x) {
                values.putLong(at, x);
            } else if (a instanceof Pointer x) {
                long position = x.position();
                values.putLong(at, position == 0 ? x.address() : x.address() + position * elementBytes(x));
            } else {
                throw new IllegalArgumentException(kernel + " argument " + i + ": expected Integer, Float, Long or Pointer, got "
                        + (a == null ? "null" : a.getClass().getSimpleName()));
            }
        }
        return params;
    }

    /**
     * @return the bytes one step of {@code p}'s position moves: its element size for JavaCPP's own typed pointers (a
     *         {@code FloatPointer} at position 3 is 12 bytes on), 1 for any other pointer (a plain or anonymous
     *         {@code Pointer}, an opaque CUDA type), whose {@code sizeof()} JavaCPP does not know
     */
    static long elementBytes(Pointer p) {
        Class<?> c = p.getClass();
        return c != Pointer.class && c.getPackage() == Pointer.class.getPackage() ? p.sizeof() : 1;
    }
}

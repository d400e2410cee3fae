package dev.yolojava.tensorrt;

import org.bytedeco.javacpp.SizeTPointer;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.cuda.global.cudart.cudaMemGetInfo;

/** Device and host memory in use, for leak tests. */
final class DeviceMemoryProbe {
    static long usedBytes() {
        try (SizeTPointer free = new SizeTPointer(1); SizeTPointer total = new SizeTPointer(1)) {
            dev.yolojava.tensorrt.internal.Cuda.check(cudaMemGetInfo(free, total), "cudaMemGetInfo");
            return total.get() - free.get();
        }
    }

    static long rssBytes() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    private DeviceMemoryProbe() {
    }
}
